/**
 * The two steps of a CSV import: a preview for the mapping dialog, then the mapped rows as
 * validated asset fields. Pure: the caller stores the rows and merges them into the inventory.
 */
import type { AssetFields } from '../../../shared/contract/assets';
import { CSV_FIELDS, type CsvMapping, type CsvPreview } from '../../../shared/contract/import-export';
import { csvRowToAssetFields } from './csv-asset-row';
import { parseCsv, type CsvDelimiter, type CsvParseResult, type CsvProblem, type CsvRow } from './csv-parser';
import { looksLikeHeader, sniffDelimiter, suggestMapping } from './csv-sniffer';

const SAMPLE_ROWS = 20;

/** One import-ready row: validated fields and the line it came from. */
export interface CsvAssetRow {
  line: number;
  fields: AssetFields;
}

/**
 * Everything the mapping dialog shows. Delimiter and header are guessed unless given; problems
 * are the parser's, with their lines.
 */
export function previewCsv(text: string, options: { delimiter?: CsvDelimiter; hasHeader?: boolean } = {}): CsvPreview {
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const parsed = parseCsv(text, { delimiter });
  const hasHeader = options.hasHeader ?? looksLikeHeader(parsed.rows.slice(0, SAMPLE_ROWS + 1).map((row) => row.cells));
  const { header, dataRows } = splitHeader(parsed, hasHeader);
  const columns = columnNames(header, dataRows);
  const sample = dataRows.slice(0, SAMPLE_ROWS).map((row) => row.cells);
  return {
    delimiter,
    hasHeader,
    columns,
    sampleRows: sample,
    rowCount: dataRows.length,
    suggestedMapping: suggestMapping(header, sample, columns.length),
    problems: parsed.problems,
  };
}

/**
 * Reads every data row through the mapping. A bad row is skipped whole and listed once, as
 * `line N: ...` with all its problems, so the error count is the bad-row count; problems with the mapping itself come once, with line 0, and stop
 * the import before any row is read.
 */
export function csvToAssetRows(
  text: string,
  options: { delimiter: CsvDelimiter; hasHeader: boolean; mapping: CsvMapping },
): { rows: CsvAssetRow[]; errors: CsvProblem[] } {
  const parsed = parseCsv(text, { delimiter: options.delimiter });
  const { header, dataRows } = splitHeader(parsed, options.hasHeader);
  const columns = columnNames(header, dataRows);

  const mappingErrors = checkMapping(options.mapping, columns.length);
  if (mappingErrors.length > 0) return { rows: [], errors: mappingErrors.map((message) => ({ line: 0, message })) };

  const rows: CsvAssetRow[] = [];
  const errors: CsvProblem[] = [...parsed.problems];
  for (const row of dataRows) {
    const result = csvRowToAssetFields(row.cells, options.mapping, columns);
    if (result.ok) rows.push({ line: row.line, fields: result.fields });
    else errors.push({ line: row.line, message: `line ${row.line}: ${result.messages.join('; ')}` });
  }
  if (dataRows.length === 0 && errors.length === 0) errors.push({ line: 0, message: 'the file has no data rows' });
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

function splitHeader(parsed: CsvParseResult, hasHeader: boolean): { header: string[] | null; dataRows: CsvRow[] } {
  if (!hasHeader) return { header: null, dataRows: parsed.rows };
  const first = parsed.rows[0];
  // A broken first record is already a reported problem; the first good row is then data, not
  // a header, and columns fall back to their numbers.
  const headerBroken = first !== undefined && parsed.problems.some((problem) => problem.line < first.line);
  if (!first || headerBroken) return { header: null, dataRows: parsed.rows };
  return { header: first.cells.map((cell) => cell.trim()), dataRows: parsed.rows.slice(1) };
}

function columnNames(header: readonly string[] | null, rows: readonly CsvRow[]): string[] {
  let count = header?.length ?? 0;
  for (const row of rows) if (row.cells.length > count) count = row.cells.length;
  return Array.from({ length: count }, (_, index) => header?.[index] || `Column ${index + 1}`);
}

function checkMapping(mapping: CsvMapping, columnCount: number): string[] {
  const errors: string[] = [];
  if (mapping.hostname === undefined && mapping.addresses === undefined) {
    errors.push('no column is mapped to hostname or addresses; every asset needs one of them');
  }
  for (const field of CSV_FIELDS) {
    const index = mapping[field];
    if (index !== undefined && index >= columnCount) {
      errors.push(`${field} is mapped to column ${index + 1}, but the file has only ${columnCount} column${columnCount === 1 ? '' : 's'}`);
    }
  }
  return errors;
}
