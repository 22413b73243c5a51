import type { ContentTable } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { dataTable, emptyNote, HEADING_LEVEL, keyValueList, limitRows, MAX_PDF_TABLE_ROWS, sectionTitle, subheading } from './blocks';
import { contentText } from './testing/content-text';

describe('blocks', () => {
  it('makes section titles that feed the table of contents and keep with what follows', () => {
    const [title, , lead] = sectionTitle('Overdue fixes', 'Why it matters.') as [Record<string, unknown>, unknown, Record<string, unknown>];
    expect(title).toMatchObject({ text: 'Overdue fixes', style: 'h1', tocItem: true, headlineLevel: HEADING_LEVEL });
    expect(lead).toMatchObject({ text: 'Why it matters.', style: 'lead' });
    expect(sectionTitle('No lead')).toHaveLength(2);
    expect(subheading('By tier')).toMatchObject({ style: 'h2', headlineLevel: HEADING_LEVEL });
    expect(emptyNote('Nothing.')).toMatchObject({ text: 'Nothing.', style: 'empty' });
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
