/**
 * Guesses what the user would otherwise have to tell the import dialog: the delimiter, whether
 * the first row is a header, and which column feeds which field. Guesses only; the dialog lets
 * the user override each.
 */
import type { CsvField, CsvMapping } from '../../../shared/contract/import-export';
import { fieldForHeader } from './csv-column-aliases';
import { looksLikeIpv4Cell, looksLikeMacCell } from './asset-cell-values';
import { parseCsv, type CsvDelimiter } from './csv-parser';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];
const SNIFF_CHARS = 64 * 1024;
const SNIFF_ROWS = 50;

/**
 * Picks the delimiter that splits the first rows into the most consistent number of columns,
 * counting only outside quotes; ties go to more columns, then to the comma.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const sample = firstLines(text);
  let best: { delimiter: CsvDelimiter; consistency: number; columns: number } = { delimiter: ',', consistency: 0, columns: 1 };
  for (const delimiter of CANDIDATES) {
    const counts = parseCsv(sample, { delimiter })
      .rows.slice(0, SNIFF_ROWS)
      .map((row) => row.cells.length);
    if (counts.length === 0) continue;
    const columns = mostCommon(counts);
    if (columns < 2) continue;
    const consistency = counts.filter((count) => count === columns).length / counts.length;
    if (consistency > best.consistency || (consistency === best.consistency && columns > best.columns)) {
      best = { delimiter, consistency, columns };
    }
  }
  return best.delimiter;
}

/**
 * True when the first row reads as a header: it names a known column, or it holds no address
 * while the rows below it do.
 */
export function looksLikeHeader(rows: readonly (readonly string[])[]): boolean {
  const [first, ...rest] = rows;
  if (!first) return false;
  if (first.some(looksLikeAddressValue)) return false;
  if (first.some((cell) => fieldForHeader(cell) !== undefined)) return true;
  return rest.slice(0, SNIFF_ROWS).some((row) => row.some(looksLikeAddressValue));
}

/** True when a cell holds IPv4 addresses or a MAC address, values no header would contain. */
export function looksLikeAddressValue(cell: string): boolean {
  return looksLikeIpv4Cell(cell) || looksLikeMacCell(cell);
}

/**
 * Maps columns to fields by header alias (first column wins for each field); without a header,
 * or for fields no header named, a column whose values are mostly IPv4 or MAC addresses is
 * taken for addresses or mac.
 */
export function suggestMapping(header: readonly string[] | null, rows: readonly (readonly string[])[], columnCount: number): CsvMapping {
  const mapping: CsvMapping = {};
  const claimed = new Set<number>();
  header?.forEach((name, index) => {
    const field = fieldForHeader(name);
    if (field !== undefined && mapping[field] === undefined) {
      mapping[field] = index;
      claimed.add(index);
    }
  });
  const sample = rows.slice(0, SNIFF_ROWS);
  const guesses: [CsvField, (cell: string) => boolean][] = [
    ['addresses', looksLikeIpv4Cell],
    ['mac', looksLikeMacCell],
  ];
  for (const [field, looksRight] of guesses) {
    if (mapping[field] !== undefined) continue;
    for (let index = 0; index < columnCount; index++) {
      if (claimed.has(index)) continue;
      const values = sample.map((row) => row[index]?.trim() ?? '').filter((value) => value !== '');
      if (values.length > 0 && values.filter(looksRight).length * 2 > values.length) {
        mapping[field] = index;
        claimed.add(index);
        break;
      }
    }
  }
  return mapping;
}

function firstLines(text: string): string {
  if (text.length <= SNIFF_CHARS) return text;
  const cut = text.slice(0, SNIFF_CHARS);
  // Dropping the partial last line keeps a cut-off row from looking inconsistent.
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('\r'));
  return lastBreak > 0 ? cut.slice(0, lastBreak) : cut;
}

function mostCommon(values: readonly number[]): number {
  const tally = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const value of values) {
    const count = (tally.get(value) ?? 0) + 1;
    tally.set(value, count);
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
