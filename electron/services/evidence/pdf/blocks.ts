/**
 * Building blocks the sections share: section titles (which feed the table of contents), the
 * "nothing to report" note, data tables with repeated headers and right-aligned numbers, and
 * key/value lists.
 *
 * A heading never sits alone at the foot of a page, by structure, so pdfmake lays the document
 * out once: a heading followed by a table is the table's caption (a header row, kept with the
 * column headers and the first row, and repeated above them on every page the table continues
 * on); a heading followed by something short is kept with it in one unbreakable block
 * (`keepTogether`). A `pageBreakBefore` rule would do it after the fact, and pdfmake then lays out
 * the whole document again for every heading it moves.
 */
import type { Alignment, Content, Size, TableCell } from 'pdfmake/interfaces';
import { breakLongWords, formatCount } from './format';
import { CAPTION_MARGIN, CAPTIONED_TABLE_LAYOUT, COLOURS, PLAIN_LAYOUT, TABLE_LAYOUT } from './styles';

/** A section's title (listed in the table of contents) and an optional one-paragraph lead. */
export function sectionTitle(title: string, lead?: string): Content[] {
  const out: Content[] = [
    { text: title, style: 'h1', tocItem: true, tocStyle: { fontSize: 9 }, tocMargin: [0, 2, 0, 2] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 60, y2: 0, lineWidth: 1.6, lineColor: COLOURS.accent }], margin: [0, 0, 0, 6] },
  ];
  if (lead) out.push({ text: lead, style: 'lead' });
  return out;
}

/** A sub-heading inside a section; keep it with what follows (a table's `caption`, or `keepTogether`). */
export function subheading(text: string): Content {
  return { text, style: 'h2' };
}

/**
 * Content kept on one page: a heading and the short block after it (a chart, a note, a few
 * lines). Only for content known to fit on one page: pdfmake drops what does not.
 */
export function keepTogether(...content: Content[]): Content {
  return { stack: content, unbreakable: true };
}

/** The plain sentence a section shows instead of an empty table. */
export function emptyNote(text: string): Content {
  return { text, style: 'empty' };
}

/** One column of a data table. */
export interface TableColumn {
  header: string;
  width: Size;
  /** Numbers are right-aligned; defaults to left. */
  align?: Alignment;
}

/** A cell: plain text, or text with a colour or bold weight. */
export type CellValue = string | { text: string; color?: string; bold?: boolean; italics?: boolean; noWrap?: boolean };

/**
 * A data table: the header row repeats on every page, rows never split across pages unless
 * `allowRowBreaks` (for rows that can be taller than a page), numbers align as their column says.
 * A `caption` (the table's heading, and a line or two about it) is printed above the header row,
 * kept on the same page as the header and the first row, and repeated with the header.
 */
export function dataTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly CellValue[])[],
  options: { small?: boolean; allowRowBreaks?: boolean; margin?: [number, number, number, number]; caption?: Content[] } = {},
): Content {
  const style = options.small ? 'tdSmall' : 'td';
  const header: TableCell[] = columns.map((column) => ({ text: column.header, style: 'th', alignment: column.align ?? 'left' }));
  const body: TableCell[][] = [];
  if (options.caption) body.push([{ stack: options.caption, colSpan: columns.length, margin: CAPTION_MARGIN }, ...columns.slice(1).map((): TableCell => ({ text: '' }))]);
  body.push(header);
  for (const row of rows) {
    body.push(
      row.map((value, index) => {
        const alignment = columns[index]?.align ?? 'left';
        return typeof value === 'string' ? { text: breakLongWords(value), style, alignment } : { ...value, text: breakLongWords(value.text), style, alignment };
      }),
    );
  }
  return {
    table: { headerRows: options.caption ? 2 : 1, ...(options.caption && rows.length > 0 ? { keepWithHeaderRows: 1 } : {}), widths: columns.map((column) => column.width), body, dontBreakRows: !options.allowRowBreaks },
    layout: options.caption ? CAPTIONED_TABLE_LAYOUT : TABLE_LAYOUT,
    margin: options.margin ?? [0, 0, 0, 8],
  };
}

/** A two-column list of labels and values, no lines. */
export function keyValueList(pairs: readonly (readonly [label: string, value: string])[], labelWidth = 110): Content {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: pairs.map(([label, value]) => [
        { text: label, color: COLOURS.muted, fontSize: 8 },
        { text: breakLongWords(value), fontSize: 8.5 },
      ]),
    },
    layout: PLAIN_LAYOUT,
  };
}

/**
 * The most rows one table of the PDF prints. pdfmake lays out the whole document in memory, and
 * its memory and time grow with every cell: without a limit a 10,000-asset site needed 1.8 GB and
 * 50,000 did not finish. The pack's CSV files (and summary.json) hold every row, under the same
 * signature; no figure is computed from the printed rows.
 */
export const MAX_PDF_TABLE_ROWS = 2_000;

/**
 * A long table's rows as the PDF prints them: all of them up to `limit`, else the first `limit`
 * (the order the table already has: by tier then name, longest overdue first, ...) and a sentence,
 * printed above the table, naming the file in the pack that has all of them.
 */
export function limitRows<T>(rows: readonly T[], whereAll: string, limit = MAX_PDF_TABLE_ROWS): { rows: readonly T[]; note: Content[] } {
  if (rows.length <= limit) return { rows, note: [] };
  const total = formatCount(rows.length);
  return {
    rows: rows.slice(0, limit),
    note: [{ text: `This table shows the first ${formatCount(limit)} of ${total} rows. All ${total} are in ${whereAll} in this pack, which the same signature covers.`, style: 'small', margin: [0, 0, 0, 4] }],
  };
}
