import { describe, expect, it } from 'vitest';
import { trendChartSvg } from './trend-chart';

const lines = [
  { label: 'Fully patched assets', colour: '#1f3a5f' },
  { label: 'Missing fixes within SLA', colour: '#2e7d5b' },
];
const bar = { label: 'Overdue fixes', colour: '#d9dee6' };

describe('trendChartSvg', () => {
  it('draws a line per series, a bar per month and the month labels', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ label: `M${i + 1}`, lines: [0.5 + i * 0.02, 0.6], bar: 12 - i }));
    const svg = trendChartSvg({ points, lines, bar });
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(24);
    expect(svg).toContain('>M1</text>');
    expect(svg).toContain('>M12</text>');
    expect(svg).toContain('>100%</text>');
    expect(svg).toContain('>Overdue fixes (right axis)</text>');
    expect(svg).not.toContain('NaN');
  });

  it('leaves a gap where a month has no figure', () => {
    const points = [0.5, 0.6, null, 0.7, 0.8].map((value, i) => ({ label: `M${i}`, lines: [value, null], bar: 0 }));
    const svg = trendChartSvg({ points, lines, bar });
    // Two runs of two points for the first line; the all-null second line draws nothing.
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });

  it('says so when there is no data', () => {
    expect(trendChartSvg({ points: [], lines, bar })).toContain('>No trend data yet</text>');
  });
});
