import { useCallback, useMemo, useState } from 'react';
import { EMPTY_SELECTION, reconcileSelection, type GridSelection } from './grid-selection';

/**
 * Selection state for a grid whose rows change under it (filters, refetches): the cursor is kept
 * in range and ids that no longer exist are dropped, without an extra render pass.
 */
export function useGridSelection<Row>(rows: readonly Row[], allRows: readonly Row[], rowId: (row: Row) => number) {
  const [state, setState] = useState<GridSelection>(EMPTY_SELECTION);
  const visibleIds = useMemo(() => rows.map(rowId), [rows]);
  const existing = useMemo(() => new Set(allRows.map(rowId)), [allRows]);
  const selection = useMemo(() => reconcileSelection(state, visibleIds, existing), [state, visibleIds, existing]);
  const clear = useCallback(() => setState(EMPTY_SELECTION), []);
  return { selection, setSelection: setState, clear, selectedIds: useMemo(() => [...selection.selected], [selection.selected]) };
}
