/**
 * The keyboard and selection model of a data grid, pure so it can be tested without a DOM.
 * Indexes refer to the rows as currently shown (after sort and filter); selection is kept by id
 * so it survives re-sorting and filtering.
 */

/** Where the cursor is and what is selected. */
export interface GridSelection {
  /** Index of the cursor row among the visible rows, or -1 before any interaction. */
  cursor: number;
  /** Index where a range selection starts (Shift+click, Shift+arrows). */
  anchor: number;
  selected: ReadonlySet<number>;
  /** The selection when the anchor was set: a range extends it, so shrinking a range works. */
  base: ReadonlySet<number>;
}

/** The selection of a grid nobody touched yet. */
export const EMPTY_SELECTION: GridSelection = { cursor: -1, anchor: -1, selected: new Set(), base: new Set() };

/** What a key press or click asks of the grid. */
export type GridCommand =
  | { kind: 'move'; to: number; extend: boolean }
  | { kind: 'toggle'; index: number }
  | { kind: 'range'; index: number }
  | { kind: 'selectAll' }
  | { kind: 'clear' }
  | { kind: 'open'; index: number };

/** Modifier keys of an event, platform-neutral: `primary` is Ctrl, or Cmd on macOS. */
export interface KeyInput {
  key: string;
  shift: boolean;
  primary: boolean;
}

/** Maps a key press to a command, or null when the grid should let the key through. */
export function commandForKey(input: KeyInput, cursor: number, rowCount: number, pageSize: number): GridCommand | null {
  if (rowCount === 0) return null;
  const from = cursor < 0 ? -1 : cursor;
  const page = Math.max(1, pageSize);
  const move = (to: number): GridCommand => ({ kind: 'move', to: clamp(to, 0, rowCount - 1), extend: input.shift });
  switch (input.key) {
    case 'ArrowDown':
      return move(from + 1);
    case 'ArrowUp':
      return move(from < 0 ? 0 : from - 1);
    case 'PageDown':
      return move(from + page);
    case 'PageUp':
      return move(from - page);
    case 'Home':
      return move(0);
    case 'End':
      return move(rowCount - 1);
    case ' ':
    case 'Spacebar':
      return from < 0 ? null : { kind: 'toggle', index: from };
    case 'Enter':
      return from < 0 ? null : { kind: 'open', index: from };
    case 'Escape':
      return { kind: 'clear' };
    case 'a':
    case 'A':
      return input.primary ? { kind: 'selectAll' } : null;
    default:
      return null;
  }
}

/** Applies a command to the selection, given the ids of the rows in visible order. */
export function applyCommand(state: GridSelection, command: GridCommand, visibleIds: readonly number[]): GridSelection {
  const count = visibleIds.length;
  switch (command.kind) {
    case 'move': {
      const to = clamp(command.to, 0, count - 1);
      if (!command.extend) return { ...state, cursor: to, anchor: to, base: state.selected };
      const anchor = state.anchor < 0 ? Math.max(0, state.cursor) : state.anchor;
      return { ...state, cursor: to, anchor, selected: withRange(state.base, visibleIds, anchor, to) };
    }
    case 'toggle': {
      const id = visibleIds[command.index];
      if (id === undefined) return state;
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { cursor: command.index, anchor: command.index, selected, base: selected };
    }
    case 'range': {
      const anchor = state.anchor < 0 ? command.index : state.anchor;
      const selected = withRange(state.base, visibleIds, anchor, command.index);
      return { cursor: command.index, anchor, selected, base: state.base };
    }
    case 'selectAll': {
      const selected = new Set(visibleIds);
      return { ...state, selected, base: selected };
    }
    case 'clear':
      return { ...state, selected: new Set(), base: new Set() };
    case 'open':
      return { ...state, cursor: command.index, anchor: command.index, base: state.selected };
  }
}

/** Keeps the cursor inside the visible rows and drops selected ids that no longer exist at all. */
export function reconcileSelection(state: GridSelection, visibleIds: readonly number[], existingIds: ReadonlySet<number>): GridSelection {
  const cursor = visibleIds.length === 0 ? -1 : Math.min(state.cursor, visibleIds.length - 1);
  const anchor = visibleIds.length === 0 ? -1 : Math.min(state.anchor, visibleIds.length - 1);
  let selected = state.selected;
  if ([...selected].some((id) => !existingIds.has(id))) selected = new Set([...selected].filter((id) => existingIds.has(id)));
  if (cursor === state.cursor && anchor === state.anchor && selected === state.selected) return state;
  return { cursor, anchor, selected, base: selected === state.selected ? state.base : selected };
}

function withRange(base: ReadonlySet<number>, visibleIds: readonly number[], from: number, to: number): Set<number> {
  const selected = new Set(base);
  const [low, high] = from <= to ? [from, to] : [to, from];
  for (let index = Math.max(0, low); index <= high && index < visibleIds.length; index++) selected.add(visibleIds[index]!);
  return selected;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
