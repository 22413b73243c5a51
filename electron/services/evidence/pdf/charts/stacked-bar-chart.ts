/**
 * A vertical stacked bar chart as an SVG string: one bar per category (tier), one stack per
 * series (overdue age band), a whole-number y axis, the total above each bar and a legend.
 */
import { niceTicks, svgDocument, svgLine, svgRect, svgText } from './svg';

/** One series: a value per category. */
export interface BarSeries {
  label: string;
  colour: string;
  values: readonly number[];
}

/** What the chart shows. */
export interface StackedBarChartInput {
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Shown across the plot when every value is zero. */
  emptyText: string;
  width?: number;
  height?: number;
}

/** The stacked bar chart's SVG. */
export function stackedBarChartSvg(input: StackedBarChartInput): string {
  const width = input.width ?? 250;
  const height = input.height ?? 130;
  const left = 24;
  const right = 6;
  // Room above the top gridline for the legend and a full bar's total.
  const top = 28;
  const bottom = 18;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const totals = input.categories.map((_, i) => input.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1] ?? 1;
  const y = (value: number): number => top + plotHeight - (value / max) * plotHeight;
  const body: string[] = [];

  // Legend across the top.
  let legendX = left;
  for (const series of input.series) {
    body.push(svgRect(legendX, 4, 7, 7, series.colour));
    body.push(svgText(legendX + 10, 10.5, series.label, { size: 6.5 }));
    legendX += 16 + series.label.length * 3.4;
  }

  for (const tick of ticks) {
    body.push(svgLine(left, y(tick), width - right, y(tick), tick === 0 ? '#8a94a3' : '#e3e8ee', tick === 0 ? 0.7 : 0.4));
    body.push(svgText(left - 4, y(tick) + 2.3, String(tick), { size: 6.5, anchor: 'end' }));
  }

  const slot = plotWidth / Math.max(1, input.categories.length);
  const barWidth = Math.min(34, slot * 0.56);
  input.categories.forEach((category, i) => {
    const x = left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    for (const series of input.series) {
      const value = Math.max(0, series.values[i] ?? 0);
      if (value === 0) continue;
      body.push(svgRect(x, y(base + value), barWidth, y(base) - y(base + value), series.colour));
      base += value;
    }
    if ((totals[i] ?? 0) > 0) body.push(svgText(x + barWidth / 2, y(base) - 2.5, String(totals[i]), { size: 6.5, anchor: 'middle', fill: '#1d2530', bold: true }));
    body.push(svgText(x + barWidth / 2, height - 6, category, { size: 6.5, anchor: 'middle' }));
  });

  if (totals.every((total) => total === 0)) body.push(svgText(left + plotWidth / 2, top + plotHeight / 2, input.emptyText, { size: 7, anchor: 'middle' }));
  return svgDocument(width, height, body);
}
