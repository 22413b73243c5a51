import { describe, expect, it } from 'vitest';
import { escapeXml, niceTicks, num, svgDocument, svgLine, svgRect, svgText } from './svg';

describe('svg helpers', () => {
  it('escapes markup in text', () => {
    expect(escapeXml(`<b> & "x" 'y'`)).toBe('&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;');
    expect(svgText(1, 2, 'A & B <script>')).toContain('>A &amp; B &lt;script&gt;</text>');
  });

  it('writes numbers with at most two decimals and never -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(3)).toBe('3');
    expect(num(-0.001)).toBe('0');
    expect(num(12.5)).toBe('12.5');
  });

  it('wraps elements in a sized svg with the report font and clamps negative sizes', () => {
    const svg = svgDocument(100, 50, [svgRect(0, 0, -5, 10, '#000'), svgLine(0, 0, 1, 1, '#fff')]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="50" viewBox="0 0 100 50" font-family="Roboto">/);
    expect(svg).toContain('width="0"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('picks round whole-number ticks that cover the maximum', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(9)).toEqual([0, 5, 10]);
    expect(niceTicks(80)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(166)).toEqual([0, 50, 100, 150, 200]);
    for (const max of [3, 7, 13, 99, 1234]) {
      const ticks = niceTicks(max);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});
