import type { ContentTable } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { COLOURS, STYLES, TABLE_LAYOUT } from './styles';

const node = { table: { headerRows: 1, body: [[], [], [], []], widths: [] } } as unknown as ContentTable;

describe('table layout', () => {
  it('rules the header and the end of a table firmly and rows lightly', () => {
    const width = TABLE_LAYOUT.hLineWidth as (i: number, n: ContentTable) => number;
    expect(width(0, node)).toBe(0.8);
    expect(width(1, node)).toBe(0.8);
    expect(width(2, node)).toBe(0.3);
    expect(width(4, node)).toBe(0.8);
  });

  it('fills the header and stripes every other row', () => {
    const fill = TABLE_LAYOUT.fillColor as (i: number, n: ContentTable) => string | null;
    expect(fill(0, node)).toBe(COLOURS.headerFill);
    expect(fill(1, node)).toBeNull();
    expect(fill(2, node)).toBe(COLOURS.zebra);
  });

  it('defines every style the sections use', () => {
    for (const name of ['h1', 'h2', 'h3', 'lead', 'small', 'empty', 'th', 'td', 'tdSmall', 'kpiValue', 'kpiLabel']) expect(STYLES[name]).toBeDefined();
  });
});
