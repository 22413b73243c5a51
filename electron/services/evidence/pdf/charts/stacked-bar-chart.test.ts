import { describe, expect, it } from 'vitest';
import { stackedBarChartSvg } from './stacked-bar-chart';

const input = {
  categories: ['Tier 1', 'Tier 2', 'Tier 3', 'Tier 4'],
  series: [
    { label: '0-7 days', colour: '#f2c6b8', values: [1, 0, 0, 0] },
    { label: '8-30 days', colour: '#e38f74', values: [2, 1, 1, 0] },
    { label: '31-90 days', colour: '#c9553a', values: [1, 1, 1, 0] },
    { label: '90+ days', colour: '#8e2a1d', values: [0, 0, 0, 1] },
  ],
  emptyText: 'No overdue fixes',
};

describe('stackedBarChartSvg', () => {
  it('stacks one rectangle per non-zero value and labels each bar with its total', () => {
    const svg = stackedBarChartSvg(input);
    // Four legend swatches plus eight non-zero stacks.
    expect(svg.match(/<rect /g)).toHaveLength(4 + 8);
    for (const category of input.categories) expect(svg).toContain(`>${category}</text>`);
    expect(svg).toContain('font-weight="bold">4</text>');
    expect(svg).not.toContain('No overdue fixes');
  });

  it('keeps the bars inside the plot', () => {
    const svg = stackedBarChartSvg({ ...input, width: 250, height: 120 });
    for (const match of svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
      expect(Number(match[1]) + Number(match[3])).toBeLessThanOrEqual(250);
      expect(Number(match[2]) + Number(match[4])).toBeLessThanOrEqual(120);
    }
  });

  it('says so when every value is zero', () => {
    const svg = stackedBarChartSvg({ ...input, series: input.series.map((s) => ({ ...s, values: [0, 0, 0, 0] })) });
    expect(svg).toContain('>No overdue fixes</text>');
    expect(svg).not.toContain('NaN');
  });
});
