/**
 * Defence against spreadsheet formula injection in exported CSV. Hostnames, banners and notes can
 * come from hostile hosts, and a cell such as `=HYPERLINK(...)` would run when the export is
 * opened in a spreadsheet. Every CSV writer goes through {@link neutraliseFormula} and
 * {@link quoteCsvField}, so there is one rule for what a spreadsheet may not read as a formula.
 */

// `=`, `+`, `-`, `@`, tab and CR start a formula, and so do their full-width forms (＝ ＋ － ＠),
// which spreadsheets with East Asian input settings read as the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEUTRALISED = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

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

/**
 * Quotes one CSV field as RFC 4180 asks. Semicolons and tabs are quoted too, so neither a
 * spreadsheet's delimiter guess nor the project's own import can be swayed by them.
 */
export function quoteCsvField(text: string): string {
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
