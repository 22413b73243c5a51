/**
 * CSV for the evidence pack's data files, written for spreadsheets first: RFC 4180 quoting, a
 * header row, CRLF line ends (as RFC 4180 specifies), and UTF-8 with a byte-order mark so Excel
 * reads "Schäfer" and "–" correctly (the project's own CSV import strips the mark). Text cells a
 * spreadsheet would run as formulas get a leading `'`, exactly as the inventory export does.
 */
import { neutraliseFormula, quoteCsvField } from '../../import/spreadsheet-formula';

/** What a cell may hold. Null and booleans become `` and `yes`/`no`; numbers are written as JavaScript prints them. */
export type CsvCell = string | number | boolean | null;

const UTF8_BOM = '\uFEFF';

function cellText(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  // Numbers come from the report, not from hosts or users, so they are never formula bait;
  // neutralising them would turn a negative number into text.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return neutraliseFormula(cell);
}

/** A CSV document: the header row, then one line per row, each line ended by CRLF, with a leading BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((name) => quoteCsvField(name)).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`a CSV row has ${row.length} cells for ${header.length} columns (${header.join(', ')})`);
    lines.push(row.map((cell) => quoteCsvField(cellText(cell))).join(','));
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
