import { describe, expect, it } from 'vitest';
import { baselineAnchorDate, baselinePeriod, DEFAULT_BASELINE_ANCHOR, describeBaselineAnchor, nthWeekdayOfMonth } from './baseline-anchor';

describe('baseline anchor', () => {
  it('finds the second Tuesday when the month starts on a Tuesday, a Wednesday or a Sunday', () => {
    expect(nthWeekdayOfMonth({ year: 2026, month: 9 }, 'tue', 2)).toEqual({ year: 2026, month: 9, day: 8 });
    expect(nthWeekdayOfMonth({ year: 2026, month: 4 }, 'tue', 2)).toEqual({ year: 2026, month: 4, day: 14 });
    expect(nthWeekdayOfMonth({ year: 2026, month: 11 }, 'tue', 2)).toEqual({ year: 2026, month: 11, day: 10 });
    expect(nthWeekdayOfMonth({ year: 2026, month: 9 }, 'tue', 1)).toEqual({ year: 2026, month: 9, day: 1 });
  });

  it('finds the last weekday of a month', () => {
    expect(nthWeekdayOfMonth({ year: 2026, month: 3 }, 'tue', -1)).toEqual({ year: 2026, month: 3, day: 31 });
    expect(nthWeekdayOfMonth({ year: 2026, month: 11 }, 'sat', -1)).toEqual({ year: 2026, month: 11, day: 28 });
    expect(nthWeekdayOfMonth({ year: 2028, month: 2 }, 'tue', -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => nthWeekdayOfMonth({ year: 2026, month: 3 }, 'tue', 5 as never)).toThrow(/not 1-4 or -1/);
  });

  it('applies the offset, which may cross into the next month', () => {
    expect(baselineAnchorDate({ year: 2026, month: 11 })).toEqual({ year: 2026, month: 11, day: 10 });
    expect(baselineAnchorDate({ year: 2026, month: 11 }, { weekday: 'tue', nth: 2, offsetDays: 4 })).toEqual({ year: 2026, month: 11, day: 14 });
    expect(baselineAnchorDate({ year: 2026, month: 12 }, { weekday: 'tue', nth: -1, offsetDays: 5 })).toEqual({ year: 2027, month: 1, day: 3 });
  });

  it('covers from one anchor day to the next, December into January, in the site zone', () => {
    expect(baselinePeriod({ year: 2026, month: 12 }, DEFAULT_BASELINE_ANCHOR, 'Europe/Berlin')).toEqual({ from: '2026-12-07T23:00:00.000Z', to: '2027-01-11T23:00:00.000Z' });
    expect(baselinePeriod({ year: 2026, month: 10 }, DEFAULT_BASELINE_ANCHOR, 'America/New_York')).toEqual({ from: '2026-10-13T04:00:00.000Z', to: '2026-11-10T05:00:00.000Z' });
  });

  it('describes an anchor for labels', () => {
    expect(describeBaselineAnchor(DEFAULT_BASELINE_ANCHOR)).toBe('second Tuesday');
    expect(describeBaselineAnchor({ weekday: 'fri', nth: -1, offsetDays: 1 })).toBe('last Friday + 1 day');
    expect(describeBaselineAnchor({ weekday: 'tue', nth: 2, offsetDays: -2 })).toBe('second Tuesday − 2 days');
  });
});
