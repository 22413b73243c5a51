import { describe, expect, it } from 'vitest';
import { donutChartSvg } from './donut-chart';

const segments = [
  { label: 'Fully patched', value: 28, colour: '#2e7d5b' },
  { label: 'Non-security fixes missing', value: 1, colour: '#c7811e' },
  { label: 'Security fixes missing', value: 11, colour: '#b23b3b' },
];

describe('donutChartSvg', () => {
  it('draws one arc per non-empty segment, the centre figure and a legend with counts', () => {
    const svg = donutChartSvg({ segments, centre: '70.0%', centreCaption: 'fully patched', emptyText: 'No assets' });
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('>70.0%</text>');
    expect(svg).toContain('>Security fixes missing</text>');
    expect(svg).toContain('>28</text>');
    expect(svg).not.toContain('No assets');
  });

  it('draws a full circle as two halves when one segment holds everything', () => {
    const svg = donutChartSvg({ segments: [{ ...segments[0]!, value: 5 }, { ...segments[2]!, value: 0 }], centre: '100.0%', centreCaption: 'fully patched', emptyText: 'No assets' });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).not.toContain('NaN');
  });

  it('shows a grey ring and the empty text when there is nothing to show', () => {
    const svg = donutChartSvg({ segments: segments.map((s) => ({ ...s, value: 0 })), centre: '–', centreCaption: 'fully patched', emptyText: 'No assets' });
    expect(svg).not.toContain('<path');
    expect(svg).toContain('<circle');
    expect(svg).toContain('>No assets</text>');
  });

  it('is deterministic', () => {
    const input = { segments, centre: '70.0%', centreCaption: 'fully patched', emptyText: 'No assets' };
    expect(donutChartSvg(input)).toBe(donutChartSvg(input));
  });
});
