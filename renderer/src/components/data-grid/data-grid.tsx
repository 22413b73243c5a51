import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Icon } from '../icon';
import { applyCommand, commandForKey, type GridCommand, type GridSelection } from './grid-selection';
import { nextSort, type GridColumn, type SortState } from './grid-types';

/** Fixed heights keep virtualisation exact and the table dense. */
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 34;
const CHECKBOX_TRACK = '40px';

/** Props of {@link DataGrid}. */
export interface DataGridProps<Row> {
  rows: readonly Row[];
  columns: readonly GridColumn<Row>[];
  rowId: (row: Row) => number;
  /** The accessible name of a row's checkbox, e.g. its hostname. */
  rowLabel: (row: Row) => string;
  label: string;
  testId: string;
  sort: SortState | null;
  onSortChange: (sort: SortState) => void;
  selection: GridSelection;
  onSelectionChange: (selection: GridSelection) => void;
  onOpen?: (row: Row) => void;
  rowClassName?: (row: Row) => string | undefined;
  empty: ReactNode;
  /** Called once, after the first commit that put rows into the DOM (for render timing). */
  onFirstRowsCommitted?: () => void;
  /** The smallest width before the grid scrolls sideways. */
  minWidth?: number;
  /** False for read-only lists (installed packages): no checkbox column, no multi-select. */
  selectable?: boolean;
}

/**
 * A virtualised, keyboard-driven grid: only the rows in view are in the DOM, so 10,000 rows scroll
 * as smoothly as 50. Focus stays on the grid and the cursor row is announced through
 * aria-activedescendant, which keeps keyboard handling in one place.
 */
export function DataGrid<Row>(props: DataGridProps<Row>) {
  const { rows, columns: allColumns, rowId, rowLabel, label, testId, sort, onSortChange, selection, onSelectionChange, onOpen, rowClassName, empty, onFirstRowsCommitted, minWidth = 960, selectable = true } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrowGrid(scrollRef, allColumns.some((column) => column.optional), allColumns.map((column) => column.width).join(' '));
  const columns = narrow ? allColumns.filter((column) => !column.optional) : allColumns;
  const idPrefix = useId();
  const cursorFromKeyboard = useRef(false);
  const committedOnce = useRef(false);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 1200, height: typeof window === 'undefined' ? 800 : window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();

  useLayoutEffect(() => {
    if (committedOnce.current || items.length === 0) return;
    committedOnce.current = true;
    onFirstRowsCommitted?.();
  }, [items.length, onFirstRowsCommitted]);

  useEffect(() => {
    if (!cursorFromKeyboard.current || selection.cursor < 0) return;
    cursorFromKeyboard.current = false;
    virtualizer.scrollToIndex(selection.cursor, { align: 'auto' });
  }, [selection.cursor, virtualizer]);

  const visibleIds = () => rows.map(rowId);
  const run = (given: GridCommand) => {
    // A read-only list still moves its cursor and opens rows, but never selects.
    if (!selectable && given.kind !== 'move' && given.kind !== 'open') return;
    const command: GridCommand = !selectable && given.kind === 'move' ? { ...given, extend: false } : given;
    if (command.kind === 'open') {
      const row = rows[command.index];
      onSelectionChange(applyCommand(selection, command, visibleIds()));
      if (row && onOpen) onOpen(row);
      return;
    }
    onSelectionChange(applyCommand(selection, command, visibleIds()));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const pageSize = Math.floor(((scrollRef.current?.clientHeight ?? 600) - HEADER_HEIGHT) / ROW_HEIGHT) - 1;
    const command = commandForKey({ key: event.key, shift: event.shiftKey, primary: event.ctrlKey || event.metaKey }, selection.cursor, rows.length, pageSize);
    if (!command) return;
    event.preventDefault();
    if (command.kind === 'move') cursorFromKeyboard.current = true;
    run(command);
  };

  const onRowClick = (event: MouseEvent, index: number) => {
    scrollRef.current?.focus({ preventScroll: true });
    if (event.shiftKey) run({ kind: 'range', index });
    else if (event.ctrlKey || event.metaKey) run({ kind: 'toggle', index });
    else run({ kind: 'open', index });
  };

  const allSelected = rows.length > 0 && rows.every((row) => selection.selected.has(rowId(row)));
  const someSelected = !allSelected && rows.some((row) => selection.selected.has(rowId(row)));
  const template = [...(selectable ? [CHECKBOX_TRACK] : []), ...columns.map((column) => column.width)].join(' ');
  const cursorRow = selection.cursor >= 0 ? rows[selection.cursor] : undefined;

  return (
    <div
      ref={scrollRef}
      className="grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + (selectable ? 1 : 0)}
      aria-multiselectable={selectable}
      aria-activedescendant={cursorRow ? `${idPrefix}-row-${rowId(cursorRow)}` : undefined}
      tabIndex={0}
      data-testid={testId}
      data-row-count={rows.length}
      data-narrow={narrow || undefined}
      onKeyDown={onKeyDown}
      style={{ '--grid-columns': template, '--grid-min-width': `${minWidth}px` } as React.CSSProperties}
    >
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row grid__row--head">
          {selectable ? (
            <div role="columnheader" className="grid__cell grid__cell--check">
              <input
                type="checkbox"
                aria-label={allSelected ? 'Clear selection' : 'Select all shown rows'}
                checked={allSelected}
                ref={(input) => {
                  if (input) input.indeterminate = someSelected;
                }}
                onChange={() => run(allSelected ? { kind: 'clear' } : { kind: 'selectAll' })}
                data-testid={`${testId}-select-all`}
              />
            </div>
          ) : null}
          {columns.map((column) => {
            const sorted = sort?.column === column.id ? sort.direction : null;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                className={`grid__cell grid__cell--head${column.align === 'end' ? ' grid__cell--end' : ''}`}
              >
                {column.sortable === false ? (
                  <span>{column.header}</span>
                ) : (
                  <button type="button" className="grid__sort" onClick={() => onSortChange(nextSort(sort, column.id))} data-testid={`sort-${column.id}`}>
                    <span>{column.header}</span>
                    <span className={`grid__sort-icon${sorted ? ' grid__sort-icon--active' : ''}`}>
                      <Icon name={sorted === 'desc' ? 'arrowDown' : 'arrowUp'} size={12} />
                    </span>
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid__body" style={{ height: rows.length === 0 ? undefined : virtualizer.getTotalSize() }}>
        {rows.length === 0 ? <div className="grid__empty">{empty}</div> : null}
        {items.map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          const id = rowId(row);
          const selected = selection.selected.has(id);
          const extra = rowClassName?.(row);
          return (
            <div
              key={id}
              id={`${idPrefix}-row-${id}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              className={`grid__row${selected ? ' grid__row--selected' : ''}${item.index === selection.cursor ? ' grid__row--cursor' : ''}${extra ? ` ${extra}` : ''}`}
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              data-testid={`${testId}-row`}
              data-row-id={id}
              onMouseDown={(event) => {
                // Shift+click is a range selection here, not a text selection.
                if (event.shiftKey) event.preventDefault();
              }}
              onClick={(event) => onRowClick(event, item.index)}
            >
              {selectable ? (
                <div role="gridcell" className="grid__cell grid__cell--check" onClick={(event) => event.stopPropagation()}>
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={`Select ${rowLabel(row)}`}
                    checked={selected}
                    onChange={() => undefined}
                    onClick={(event) => {
                      scrollRef.current?.focus({ preventScroll: true });
                      run(event.shiftKey ? { kind: 'range', index: item.index } : { kind: 'toggle', index: item.index });
                    }}
                  />
                </div>
              ) : null}
              {columns.map((column) => (
                <div key={column.id} role="gridcell" className={`grid__cell${column.align === 'end' ? ' grid__cell--end' : ''}`}>
                  {column.render(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Whether the grid must leave its optional columns out: true once every column together would
 * make it scroll sideways. Checked in a layout effect after each render, so the wide layout is
 * never painted when it does not fit, and again when the grid is resized; a wider grid, or new
 * column widths (another site's addresses), try every column again.
 */
function useNarrowGrid(ref: React.RefObject<HTMLDivElement | null>, hasOptional: boolean, widths: string): boolean {
  const [narrow, setNarrow] = useState(false);
  // The grid's width when the optional columns went; 0 while every column shows.
  const narrowAt = useRef(0);

  const check = useCallback(() => {
    const element = ref.current;
    if (!element || !hasOptional) return;
    if (narrowAt.current === 0) {
      if (element.scrollWidth > element.clientWidth + 1) {
        narrowAt.current = element.clientWidth;
        setNarrow(true);
      }
    } else if (element.clientWidth > narrowAt.current) {
      narrowAt.current = 0;
      setNarrow(false);
    }
  }, [ref, hasOptional]);

  useLayoutEffect(() => {
    if (narrowAt.current === 0) return;
    narrowAt.current = 0;
    setNarrow(false);
  }, [widths]);

  useLayoutEffect(check);

  useEffect(() => {
    const element = ref.current;
    if (!element || !hasOptional || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, hasOptional, check]);

  return hasOptional && narrow;
}
