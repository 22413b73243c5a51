/**
 * A donut chart as an SVG string: segments clockwise from twelve o'clock, a figure in the middle
 * and a legend to the right with each segment's count.
 */
import { num, svgDocument, svgRect, svgText } from './svg';

/** One segment of the donut. */
export interface DonutSegment {
  label: string;
  value: number;
  colour: string;
}

/** What the donut shows. */
export interface DonutChartInput {
  segments: readonly DonutSegment[];
  /** The big figure in the middle (`72.5%`). */
  centre: string;
  /** The small line under it (`fully patched`). */
  centreCaption: string;
  /** Shown when every segment is zero. */
  emptyText: string;
  width?: number;
  height?: number;
}

function point(cx: number, cy: number, radius: number, angle: number): string {
  // Angles run clockwise from twelve o'clock.
  return `${num(cx + radius * Math.sin(angle))} ${num(cy - radius * Math.cos(angle))}`;
}

function arcPath(cx: number, cy: number, outer: number, inner: number, from: number, to: number): string {
  const large = to - from > Math.PI ? 1 : 0;
  return `M ${point(cx, cy, outer, from)} A ${num(outer)} ${num(outer)} 0 ${large} 1 ${point(cx, cy, outer, to)} L ${point(cx, cy, inner, to)} A ${num(inner)} ${num(inner)} 0 ${large} 0 ${point(cx, cy, inner, from)} Z`;
}

/** The donut chart's SVG. */
export function donutChartSvg(input: DonutChartInput): string {
  const width = input.width ?? 250;
  const height = input.height ?? 120;
  const outer = Math.min(height / 2 - 4, 52);
  const inner = outer * 0.64;
  const cx = outer + 4;
  const cy = height / 2;
  const total = input.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  const body: string[] = [];

  if (total === 0) {
    body.push(`<circle cx="${num(cx)}" cy="${num(cy)}" r="${num((outer + inner) / 2)}" fill="none" stroke="#e3e8ee" stroke-width="${num(outer - inner)}"/>`);
    body.push(svgText(cx, cy + 3, input.emptyText, { size: 7, anchor: 'middle' }));
  } else {
    let angle = 0;
    for (const segment of input.segments) {
      if (segment.value <= 0) continue;
      const sweep = (segment.value / total) * 2 * Math.PI;
      // A full circle cannot be one arc: draw it as two halves.
      if (sweep >= 2 * Math.PI - 1e-9) {
        body.push(`<path d="${arcPath(cx, cy, outer, inner, 0, Math.PI)}" fill="${segment.colour}"/>`);
        body.push(`<path d="${arcPath(cx, cy, outer, inner, Math.PI, 2 * Math.PI)}" fill="${segment.colour}"/>`);
      } else {
        body.push(`<path d="${arcPath(cx, cy, outer, inner, angle, angle + sweep)}" fill="${segment.colour}"/>`);
      }
      angle += sweep;
    }
    body.push(svgText(cx, cy + 2, input.centre, { size: 13, anchor: 'middle', fill: '#1f3a5f', bold: true }));
    body.push(svgText(cx, cy + 12, input.centreCaption, { size: 6.5, anchor: 'middle' }));
  }

  const legendX = cx + outer + 14;
  let legendY = cy - (input.segments.length * 15) / 2 + 8;
  for (const segment of input.segments) {
    body.push(svgRect(legendX, legendY - 6.5, 8, 8, segment.colour));
    body.push(svgText(legendX + 12, legendY, segment.label, { size: 7, fill: '#1d2530' }));
    body.push(svgText(width - 2, legendY, String(segment.value), { size: 7, fill: '#1d2530', anchor: 'end', bold: true }));
    legendY += 15;
  }
  return svgDocument(width, height, body);
}
