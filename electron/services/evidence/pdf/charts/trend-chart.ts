/**
 * The twelve-month trend as an SVG string: two shares as lines on a 0-100 % axis (left) and a
 * count as light bars on its own axis (right). A month without a figure leaves a gap in its line.
 */
import { niceTicks, num, svgDocument, svgLine, svgRect, svgText } from './svg';

/** One month of the trend. */
export interface TrendChartPoint {
  /** The x-axis label (`Oct`, `Jan 2026`). */
  label: string;
  /** Shares 0-1; null leaves a gap. */
  lines: readonly (number | null)[];
  /** The count drawn as a bar. */
  bar: number;
}

/** A line's name and colour, in the order of `TrendChartPoint.lines`. */
export interface TrendLine {
  label: string;
  colour: string;
}

/** What the chart shows. */
export interface TrendChartInput {
  points: readonly TrendChartPoint[];
  lines: readonly TrendLine[];
  bar: { label: string; colour: string };
  width?: number;
  height?: number;
}

/** The trend chart's SVG. */
export function trendChartSvg(input: TrendChartInput): string {
  const width = input.width ?? 510;
  const height = input.height ?? 150;
  const left = 30;
  const right = 26;
  const top = 20;
  const bottom = 18;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const count = Math.max(1, input.points.length);
  const slot = plotWidth / count;
  const xOf = (i: number): number => left + slot * i + slot / 2;
  const yShare = (share: number): number => top + plotHeight - Math.min(1, Math.max(0, share)) * plotHeight;
  const barTicks = niceTicks(Math.max(0, ...input.points.map((p) => p.bar)));
  const barMax = barTicks[barTicks.length - 1] ?? 1;
  const yBar = (value: number): number => top + plotHeight - (value / barMax) * plotHeight;
  const body: string[] = [];

  // Legend across the top.
  let legendX = left;
  for (const line of input.lines) {
    body.push(svgLine(legendX, 7.5, legendX + 12, 7.5, line.colour, 1.6));
    body.push(svgText(legendX + 16, 10, line.label, { size: 6.5 }));
    legendX += 24 + line.label.length * 3.3;
  }
  body.push(svgRect(legendX, 4, 8, 7, input.bar.colour));
  body.push(svgText(legendX + 12, 10, `${input.bar.label} (right axis)`, { size: 6.5 }));

  for (const pct of [0, 0.25, 0.5, 0.75, 1]) {
    body.push(svgLine(left, yShare(pct), width - right, yShare(pct), pct === 0 ? '#8a94a3' : '#e3e8ee', pct === 0 ? 0.7 : 0.4));
    body.push(svgText(left - 4, yShare(pct) + 2.3, `${Math.round(pct * 100)}%`, { size: 6.5, anchor: 'end' }));
  }
  for (const tick of barTicks) body.push(svgText(width - right + 4, yBar(tick) + 2.3, String(tick), { size: 6.5 }));

  const barWidth = Math.min(16, slot * 0.5);
  input.points.forEach((point, i) => {
    if (point.bar > 0) body.push(svgRect(xOf(i) - barWidth / 2, yBar(point.bar), barWidth, yBar(0) - yBar(point.bar), input.bar.colour));
    body.push(svgText(xOf(i), height - 6, point.label, { size: 6.3, anchor: 'middle' }));
  });

  input.lines.forEach((line, lineIndex) => {
    // Consecutive points with figures form one polyline; a null breaks it.
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1) body.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${line.colour}" stroke-width="1.6" stroke-linejoin="round"/>`);
      run = [];
    };
    input.points.forEach((point, i) => {
      const value = point.lines[lineIndex];
      if (value === null || value === undefined) return flush();
      run.push(`${num(xOf(i))},${num(yShare(value))}`);
    });
    flush();
    input.points.forEach((point, i) => {
      const value = point.lines[lineIndex];
      if (value !== null && value !== undefined) body.push(`<circle cx="${num(xOf(i))}" cy="${num(yShare(value))}" r="1.8" fill="${line.colour}"/>`);
    });
  });

  if (input.points.length === 0) body.push(svgText(left + plotWidth / 2, top + plotHeight / 2, 'No trend data yet', { size: 7, anchor: 'middle' }));
  return svgDocument(width, height, body);
}
