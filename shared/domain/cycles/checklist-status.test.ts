import { describe, expect, it } from 'vitest';
import { checklistProgress, dueEndMs, isItemLate, parseLocalDate, wasDoneLate } from './checklist-status';

const at = (iso: string) => Date.parse(iso);

describe('checklist status', () => {
  it('makes an item late only after the end of its due day in the site zone', () => {
    const item = { state: 'pending' as const, dueDate: '2026-11-10' };
    expect(dueEndMs('2026-11-10', 'Europe/Berlin')).toBe(at('2026-11-10T23:00:00Z'));
    expect(isItemLate(item, at('2026-11-10T22:59:59Z'), 'Europe/Berlin')).toBe(false);
    expect(isItemLate(item, at('2026-11-10T23:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isItemLate(item, at('2026-11-11T04:59:59Z'), 'America/New_York')).toBe(false);
    expect(isItemLate({ ...item, state: 'not_applicable' }, at('2027-01-01T00:00:00Z'), 'UTC')).toBe(false);
  });

  it('ends a due day on a DST change at the right instant', () => {
    expect(dueEndMs('2026-03-28', 'Europe/Berlin')).toBe(at('2026-03-28T23:00:00Z'));
    expect(dueEndMs('2026-03-29', 'Europe/Berlin')).toBe(at('2026-03-29T22:00:00Z'));
    expect(dueEndMs('2026-10-31', 'America/New_York')).toBe(at('2026-11-01T04:00:00Z'));
    expect(dueEndMs('2026-11-01', 'America/New_York')).toBe(at('2026-11-02T05:00:00Z'));
  });

  it('tells work done after its due day', () => {
    expect(wasDoneLate({ state: 'done', dueDate: '2026-11-10', doneAt: '2026-11-11T08:00:00Z' }, 'Europe/Berlin')).toBe(true);
    expect(wasDoneLate({ state: 'done', dueDate: '2026-11-10', doneAt: '2026-11-10T20:00:00Z' }, 'Europe/Berlin')).toBe(false);
  });

  it('counts progress with not-applicable items as finished', () => {
    const progress = checklistProgress(
      [
        { state: 'done', dueDate: '2026-11-09' },
        { state: 'not_applicable', dueDate: '2026-11-10' },
        { state: 'pending', dueDate: '2026-11-10' },
        { state: 'pending', dueDate: '2026-11-20' },
      ],
      at('2026-11-12T09:00:00Z'),
      'Europe/Berlin',
    );
    expect(progress).toEqual({ total: 4, done: 1, notApplicable: 1, pending: 2, late: 1, percent: 50 });
    expect(checklistProgress([], 0, 'UTC').percent).toBe(100);
  });

  it('refuses dates that do not exist', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => parseLocalDate('2026-02-30')).toThrow(/"2026-02-30" is not a date/);
    expect(() => parseLocalDate('10.11.2026')).toThrow(RangeError);
  });
});
