/**
 * Defence against spreadsheet formula injection in exported CSV. Hostnames, banners and notes can
 * come from hostile hosts, and a cell such as `=HYPERLINK(...)` would run when the export is
 * opened in a spreadsheet.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Prefixes `'` to a cell a spreadsheet would read as a formula; other cells pass unchanged. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Undoes {@link neutraliseFormula} on import, so an exported file reads back as it was written.
 * Spreadsheets drop the same prefix when they re-save, so either way the value is the original.
 */
export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
