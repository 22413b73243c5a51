import { describe, expect, it } from 'vitest';
import { applyCommand, commandForKey, EMPTY_SELECTION, reconcileSelection, type GridSelection, type KeyInput } from './grid-selection';

const ids = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const key = (name: string, shift = false, primary = false): KeyInput => ({ key: name, shift, primary });

function press(state: GridSelection, ...inputs: KeyInput[]): GridSelection {
  return inputs.reduce((current, input) => {
    const command = commandForKey(input, current.cursor, ids.length, 3);
    return command ? applyCommand(current, command, ids) : current;
  }, state);
}

describe('commandForKey', () => {
  it('moves by one, by page and to the ends, clamped', () => {
    expect(commandForKey(key('ArrowDown'), -1, 10, 3)).toEqual({ kind: 'move', to: 0, extend: false });
    expect(commandForKey(key('ArrowUp'), 0, 10, 3)).toEqual({ kind: 'move', to: 0, extend: false });
    expect(commandForKey(key('PageDown'), 8, 10, 3)).toEqual({ kind: 'move', to: 9, extend: false });
    expect(commandForKey(key('PageUp'), 2, 10, 3)).toEqual({ kind: 'move', to: 0, extend: false });
    expect(commandForKey(key('End'), 2, 10, 3)).toEqual({ kind: 'move', to: 9, extend: false });
    expect(commandForKey(key('Home', true), 5, 10, 3)).toEqual({ kind: 'move', to: 0, extend: true });
  });

  it('needs a cursor for space and enter, and the primary modifier for select-all', () => {
    expect(commandForKey(key(' '), -1, 10, 3)).toBeNull();
    expect(commandForKey(key('Enter'), 4, 10, 3)).toEqual({ kind: 'open', index: 4 });
    expect(commandForKey(key('a'), 4, 10, 3)).toBeNull();
    expect(commandForKey(key('a', false, true), 4, 10, 3)).toEqual({ kind: 'selectAll' });
  });

  it('does nothing on an empty grid', () => {
    expect(commandForKey(key('ArrowDown'), -1, 0, 3)).toBeNull();
  });
});

describe('applyCommand', () => {
  it('moves the cursor without selecting, and space toggles', () => {
    const state = press(EMPTY_SELECTION, key('ArrowDown'), key('ArrowDown'), key(' '));
    expect(state.cursor).toBe(1);
    expect([...state.selected]).toEqual([11]);
    expect([...press(state, key(' ')).selected]).toEqual([]);
  });

  it('extends and shrinks a range with shift+arrows, keeping earlier picks', () => {
    let state = press(EMPTY_SELECTION, key('ArrowDown'), key(' '), key('ArrowDown'), key('ArrowDown'), key('ArrowDown'));
    state = press(state, key('ArrowDown', true), key('ArrowDown', true));
    expect([...state.selected].sort()).toEqual([10, 13, 14, 15]);
    state = press(state, key('ArrowUp', true));
    expect([...state.selected].sort()).toEqual([10, 13, 14]);
  });

  it('range-selects from the anchor on shift+click', () => {
    let state = applyCommand(EMPTY_SELECTION, { kind: 'toggle', index: 2 }, ids);
    state = applyCommand(state, { kind: 'range', index: 5 }, ids);
    expect([...state.selected].sort()).toEqual([12, 13, 14, 15]);
    state = applyCommand(state, { kind: 'range', index: 0 }, ids);
    expect([...state.selected].sort()).toEqual([10, 11, 12]);
  });

  it('selects every visible row and clears', () => {
    const all = press(EMPTY_SELECTION, key('a', false, true));
    expect(all.selected.size).toBe(10);
    expect(press(all, key('Escape')).selected.size).toBe(0);
  });
});

describe('reconcileSelection', () => {
  it('clamps the cursor and drops ids that are gone', () => {
    const state: GridSelection = { cursor: 9, anchor: 9, selected: new Set([10, 99]), base: new Set([10, 99]) };
    const next = reconcileSelection(state, [10, 11], new Set([10, 11]));
    expect(next.cursor).toBe(1);
    expect([...next.selected]).toEqual([10]);
  });

  it('returns the same object when nothing changed', () => {
    const state: GridSelection = { cursor: 1, anchor: 1, selected: new Set([10]), base: new Set([10]) };
    expect(reconcileSelection(state, ids, new Set(ids))).toBe(state);
  });
});
