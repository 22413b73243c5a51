import type { ContentTable } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { dataTable, emptyNote, keepTogether, keyValueList, limitRows, MAX_PDF_TABLE_ROWS, sectionTitle, subheading } from './blocks';
import { CAPTIONED_TABLE_LAYOUT, COLOURS, TABLE_LAYOUT } from './styles';
import { contentText } from './testing/content-text';

describe('blocks', () => {
  it('makes section titles that feed the table of contents, and sub-headings', () => {
    const [title, , lead] = sectionTitle('Overdue fixes', 'Why it matters.') as [Record<string, unknown>, unknown, Record<string, unknown>];
    expect(title).toMatchObject({ text: 'Overdue fixes', style: 'h1', tocItem: true });
    expect(lead).toMatchObject({ text: 'Why it matters.', style: 'lead' });
    expect(sectionTitle('No lead')).toHaveLength(2);
    expect(subheading('By tier')).toMatchObject({ style: 'h2' });
    expect(emptyNote('Nothing.')).toMatchObject({ text: 'Nothing.', style: 'empty' });
  });

  it('keeps a heading with what follows by structure: one unbreakable block, or the caption of its table', () => {
    expect(keepTogether(subheading('Signature'), emptyNote('None.'))).toEqual({ stack: [subheading('Signature'), emptyNote('None.')], unbreakable: true });
    const table = dataTable([{ header: 'Asset', width: '*' }, { header: 'Tier', width: 40 }], [['db1', '1'], ['web1', '2']], { caption: [subheading('Assets not measured')] }) as ContentTable;
    // The caption is the first header row, so it repeats with the column headers, and is kept with them and the first row.
    expect(table.table.headerRows).toBe(2);
    expect(table.table.keepWithHeaderRows).toBe(1);
    expect(table.table.body[0]?.[0]).toMatchObject({ stack: [subheading('Assets not measured')], colSpan: 2 });
    expect(table.layout).toBe(CAPTIONED_TABLE_LAYOUT);
    expect(contentText(table)).toContain('Assets not measured');
    // No fill or line around the caption; the header row and the stripes as in an uncaptioned table.
    const fill = CAPTIONED_TABLE_LAYOUT.fillColor as (row: number, node: ContentTable) => string | null;
    const plainFill = TABLE_LAYOUT.fillColor as (row: number, node: ContentTable) => string | null;
    const plain = dataTable([{ header: 'Asset', width: '*' }], [['db1'], ['web1']]) as ContentTable;
    expect([0, 1, 2, 3].map((row) => fill(row, table))).toEqual([null, COLOURS.headerFill, null, COLOURS.zebra]);
    expect([0, 1, 2].map((row) => plainFill(row, plain))).toEqual([COLOURS.headerFill, null, COLOURS.zebra]);
    const line = CAPTIONED_TABLE_LAYOUT.hLineWidth as (i: number, node: ContentTable) => number;
    expect([0, 1, 2, 3, 4].map((i) => line(i, table))).toEqual([0, 0.8, 0.8, 0.3, 0.8]);
  });

  it('builds tables with a repeated header, aligned numbers and breakable long words', () => {
    const table = dataTable(
      [
        { header: 'Asset', width: '*' },
        { header: 'Overdue', width: 40, align: 'right' },
      ],
      [
        ['a-very-long-hostname.with.many.labels.example', { text: '3', bold: true }],
        ['dc01', '0'],
      ],
    ) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual(['*', 40]);
    const [header, first] = table.table.body as Record<string, unknown>[][];
    expect(header?.[1]).toMatchObject({ text: 'Overdue', style: 'th', alignment: 'right' });
    expect(first?.[1]).toMatchObject({ text: '3', bold: true, alignment: 'right', style: 'td' });
    expect(String(first?.[0]?.text)).toContain('\u200B');
    expect(contentText(table)).toContain('a-very-long-hostname.with.many.labels.example');
    const small = dataTable([{ header: 'x', width: '*' }], [['y']], { small: true, allowRowBreaks: true }) as ContentTable;
    expect(small.table.dontBreakRows).toBe(false);
    expect((small.table.body[1] as Record<string, unknown>[])[0]).toMatchObject({ style: 'tdSmall' });
  });

  it('lists labels and values', () => {
    expect(contentText(keyValueList([['Site', 'Contoso Dental – Main office']]))).toBe('Site\nContoso Dental – Main office');
  });

  it('prints a long table up to the row limit and says which file in the pack has every row', () => {
    const few = limitRows([1, 2, 3], 'data/assets.csv', 3);
    expect(few).toEqual({ rows: [1, 2, 3], note: [] });
    const many = limitRows(Array.from({ length: 12_345 }, (_, index) => index), 'data/overdue.csv');
    expect(many.rows).toHaveLength(MAX_PDF_TABLE_ROWS);
    expect(many.rows[0]).toBe(0);
    expect(contentText(many.note)).toBe('This table shows the first 2,000 of 12,345 rows. All 12,345 are in data/overdue.csv in this pack, which the same signature covers.');
  });
});
