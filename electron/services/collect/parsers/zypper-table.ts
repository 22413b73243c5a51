import { cleanLines, MAX_LINE_LENGTH } from './input-text';

/** A zypper table: trimmed header names and rows of trimmed cells. */
export interface ZypperTable {
  header: string[];
  rows: string[][];
  /** Lines outside the table (footers, messages), trimmed and non-empty. */
  other: string[];
}

const SEPARATOR = /^-+(?:\+-+)+\s*$/;

/**
 * Reads zypper's `|`-separated table. The header is the line before the `---+---` separator;
 * each row is split into as many cells as the header has, the last cell taking the rest so a `|`
 * inside a summary survives. Returns null when no separator line is found.
 */
export function readZypperTable(stdout: string): ZypperTable | null {
  const lines = cleanLines(stdout);
  const sep = lines.findIndex((l) => SEPARATOR.test(l));
  if (sep < 1) return null;
  const header = (lines[sep - 1] ?? '').split('|').map((c) => c.trim());
  const rows: string[][] = [];
  const other: string[] = lines.slice(0, sep - 1).map((l) => l.trim()).filter(Boolean);
  for (const line of lines.slice(sep + 1)) {
    if (line.length > MAX_LINE_LENGTH) {
      other.push(line.slice(0, 200));
      continue;
    }
    if (!line.includes('|')) {
      if (line.trim() !== '') other.push(line.trim());
      continue;
    }
    const parts = line.split('|');
    if (parts.length < header.length) {
      other.push(line.trim());
      continue;
    }
    const cells = parts.slice(0, header.length - 1).map((c) => c.trim());
    cells.push(parts.slice(header.length - 1).join('|').trim());
    rows.push(cells);
  }
  return { header, rows, other };
}

/** Finds a column by its English header, falling back to its usual position. */
export function columnIndex(header: string[], names: string[], fallback: number): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return fallback;
}
