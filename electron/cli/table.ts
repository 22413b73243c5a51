/** Plain-text tables for terminal output. */
import { forTerminal } from './terminal-text';

/** Formats rows under headers, each column as wide as its widest cell. */
export function formatTable(headers: readonly string[], rawRows: readonly (readonly string[])[]): string {
  // Cells often hold what hosts reported; made safe before the widths are measured.
  const rows = rawRows.map((row) => row.map(forTerminal));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
