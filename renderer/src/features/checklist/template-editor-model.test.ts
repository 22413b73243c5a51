import { describe, expect, it } from 'vitest';
import { DEFAULT_BASELINE_TEMPLATE, DEFAULT_EMERGENCY_TEMPLATE } from '../../../../shared/domain/cycles/checklist-template';
import { addItem, canAdd, describeOffset, draftFromTemplate, draftProblems, isDirty, keyFromTitle, moveItem, removeItem, toTemplateItems, updateItem } from './template-editor-model';

const baseline = () => draftFromTemplate(DEFAULT_BASELINE_TEMPLATE);

describe('template editor', () => {
  it('round-trips a stored template unchanged', () => {
    expect(toTemplateItems(baseline())).toEqual(DEFAULT_BASELINE_TEMPLATE);
    expect(isDirty(baseline(), DEFAULT_BASELINE_TEMPLATE)).toBe(false);
    expect(draftProblems(baseline(), 'baseline')).toEqual({});
  });

  it('moves rows up and down, and ignores moves past either end', () => {
    const rows = baseline();
    const down = moveItem(rows, 0, 1);
    expect(down.slice(0, 2).map((row) => row.key)).toEqual(['review-approve', 'inventory-refresh']);
    expect(moveItem(down, 1, -1).map((row) => row.key)).toEqual(rows.map((row) => row.key));
    expect(moveItem(rows, 0, -1).map((row) => row.key)).toEqual(rows.map((row) => row.key));
    expect(moveItem(rows, rows.length - 1, 1).map((row) => row.key)).toEqual(rows.map((row) => row.key));
    expect(isDirty(down, DEFAULT_BASELINE_TEMPLATE)).toBe(true);
  });

  it('adds a task after the last row, with a key that follows its title until saved', () => {
    const added = addItem(baseline(), 'baseline');
    const row = added.at(-1);
    expect(row).toMatchObject({ key: 'new-step', title: 'New step', kind: 'task', dueFrom: 'anchor', offset: '15', isNew: true });
    const renamed = updateItem(added, added.length - 1, { title: 'Backups verified' });
    expect(renamed.at(-1)?.key).toBe('backups-verified');
    expect(draftProblems(renamed, 'baseline')).toEqual({});
  });

  it('keeps the key of a saved row when it is renamed', () => {
    const renamed = updateItem(baseline(), 0, { title: 'Inventory scanned' });
    expect(renamed[0]).toMatchObject({ key: 'inventory-refresh', title: 'Inventory scanned' });
  });

  it('derives unique, well-formed keys', () => {
    expect(keyFromTitle('Test ring patched', new Set(['test-ring-patched']))).toBe('test-ring-patched-2');
    expect(keyFromTitle('Überprüfung & Freigabe!', new Set())).toBe('uberprufung-freigabe');
    expect(keyFromTitle('   ', new Set())).toBe('item');
    expect(keyFromTitle('x'.repeat(60), new Set()).length).toBeLessThanOrEqual(40);
  });

  it('removes rows, and flags an empty list', () => {
    const one = removeItem(removeItem(baseline(), 0), 0);
    expect(one.map((row) => row.key)).not.toContain('inventory-refresh');
    expect(draftProblems([], 'baseline')).toEqual({ items: 'a checklist needs at least one item' });
  });

  it('flags bad offsets, empty titles and a second verification item by row and field', () => {
    let rows = updateItem(baseline(), 1, { offset: '-' });
    rows = updateItem(rows, 2, { title: '  ' });
    rows = updateItem(rows, 3, { kind: 'rescan' });
    rows = updateItem(rows, 4, { offset: '90' });
    const problems = draftProblems(rows, 'baseline');
    expect(problems['1.offset']).toMatch(/whole number/);
    expect(problems['2.title']).toBe('an item needs a title');
    expect(problems['4.offset']).toMatch(/-62 to 62/);
    expect(problems['5.kind']).toBe('only one item may be of kind "rescan"');
  });

  it('refuses the deadline as a base in a baseline template', () => {
    expect(draftProblems(updateItem(baseline(), 0, { dueFrom: 'deadline' }), 'baseline')['0.dueFrom']).toMatch(/no deadline/);
    expect(draftProblems(draftFromTemplate(DEFAULT_EMERGENCY_TEMPLATE), 'emergency')).toEqual({});
  });

  it('describes when a row is due', () => {
    expect(describeOffset('0', 'anchor', 'baseline')).toBe('anchor day');
    expect(describeOffset('-1', 'anchor', 'baseline')).toBe('1 day before the anchor');
    expect(describeOffset('8', 'anchor', 'baseline')).toBe('8 days after the anchor');
    expect(describeOffset('0', 'anchor', 'emergency')).toBe('opening day');
    expect(describeOffset('1', 'anchor', 'emergency')).toBe('1 day after opening');
    expect(describeOffset('0', 'deadline', 'emergency')).toBe('on the deadline');
    expect(describeOffset('2', 'deadline', 'emergency')).toBe('2 days after the deadline');
    expect(describeOffset('x', 'anchor', 'baseline')).toBe('');
  });

  it('stops adding at thirty rows', () => {
    let rows = baseline();
    while (canAdd(rows)) rows = addItem(rows, 'baseline');
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.key)).size).toBe(30);
  });
});
