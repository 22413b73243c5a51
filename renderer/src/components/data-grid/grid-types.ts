import type { ReactNode } from 'react';

/** One column of a data grid. */
export interface GridColumn<Row> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. `minmax(160px, 2fr)` or `96px`. */
  width: string;
  render: (row: Row) => ReactNode;
  sortable?: boolean;
  align?: 'start' | 'end';
  /**
   * Left out while the grid is too narrow to show every column without scrolling sideways (its
   * figures stay reachable elsewhere: a filter, a tile, the row's detail).
   */
  optional?: boolean;
}

/** Which column the rows are sorted by, and which way. */
export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

/** The next sort when a header is clicked: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}
