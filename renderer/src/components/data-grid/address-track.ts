/**
 * A grid track just wide enough for the longest address a table shows. Rows of the virtualised
 * grid are separate CSS grids, so a track cannot size itself to its content; a fixed width cut
 * IPv6 addresses off, and one wide enough for any IPv6 address wastes a third of the table on
 * an IPv4-only site.
 */
import type { GridColumn } from './grid-types';

// `.mono` is 0.92em of the row's font; monospace glyphs are at most 0.62em wide (DejaVu Sans
// Mono 0.602em, Menlo 0.602em, Consolas 0.55em); 24px covers the cell padding and a margin.
const CHAR_EM = 0.92 * 0.62;
const MIN_CHARS = 15; // "255.255.255.255", and the header

/** The track width for addresses of at most `longest` characters. */
export function addressTrack(addresses: Iterable<string>): string {
  let longest = MIN_CHARS;
  for (const address of addresses) longest = Math.max(longest, address.length);
  return `calc(${(longest * CHAR_EM).toFixed(2)}em + 24px)`;
}

/** The columns with one column's width replaced (the address column, sized to the rows shown). */
export function withColumnWidth<T>(columns: readonly GridColumn<T>[], id: string, width: string): GridColumn<T>[] {
  return columns.map((column) => (column.id === id ? { ...column, width } : column));
}
