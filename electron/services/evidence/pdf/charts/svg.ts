/**
 * Small helpers for writing SVG by hand, without a DOM: escaping, fixed-precision numbers (so
 * the same data always gives the same bytes), the document wrapper and "nice" axis ticks.
 */

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A coordinate with at most two decimals and no trailing zeros (`12.5`, `3`), never `-0`. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Wraps chart elements in an `<svg>` of the given size; text defaults to the report font. */
export function svgDocument(width: number, height: number, body: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="Roboto">${body.join('')}</svg>`;
}

/** A `<text>` element. */
export function svgText(x: number, y: number, text: string, options: { size?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; bold?: boolean } = {}): string {
  const weight = options.bold ? ' font-weight="bold"' : '';
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(options.size ?? 7)}" fill="${options.fill ?? '#5b6675'}" text-anchor="${options.anchor ?? 'start'}"${weight}>${escapeXml(text)}</text>`;
}

/** A filled rectangle. */
export function svgRect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, width))}" height="${num(Math.max(0, height))}" fill="${fill}"/>`;
}

/** A straight line. */
export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 0.5): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${num(width)}"/>`;
}

/**
 * Whole-number axis ticks from 0 to a round maximum at or above `max`, in steps of 1, 2 or 5
 * times a power of ten, about `target` steps. A zero maximum gives 0 and 1, so an empty chart
 * still has a scale.
 */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks = [0];
  while ((ticks[ticks.length - 1] ?? 0) < max) ticks.push(ticks.length * step);
  return ticks;
}
