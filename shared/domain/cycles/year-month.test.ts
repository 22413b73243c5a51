import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, formatYearMonth, isYearMonth, parseYearMonth, weekdayIndexOf, yearMonthOf } from './year-month';

describe('year-month', () => {
  it('parses and formats YYYY-MM, refusing other text with a message naming it', () => {
    expect(parseYearMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(formatYearMonth({ year: 2027, month: 1 })).toBe('2027-01');
    expect(() => parseYearMonth('2026-13')).toThrow(/"2026-13" is not a month/);
    expect(() => parseYearMonth('Nov 2026')).toThrow(RangeError);
    expect(isYearMonth('2026-00')).toBe(false);
    expect(isYearMonth('2026-12')).toBe(true);
  });

  it('adds months across year ends both ways', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2027, month: 1 }, -1)).toEqual({ year: 2026, month: 12 });
    expect(addMonths({ year: 2026, month: 11 }, 14)).toEqual({ year: 2028, month: 1 });
  });

  it('knows month lengths and weekdays', () => {
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2026, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2100, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2026, month: 12 })).toBe(31);
    expect(weekdayIndexOf({ year: 2026, month: 11, day: 2 })).toBe(1);
  });

  it('takes the month of an instant in the site zone, not in UTC', () => {
    const newYearInBerlin = Date.parse('2026-12-31T23:30:00Z');
    expect(yearMonthOf(newYearInBerlin, 'Europe/Berlin')).toEqual({ year: 2027, month: 1 });
    expect(yearMonthOf(newYearInBerlin, 'America/New_York')).toEqual({ year: 2026, month: 12 });
  });
});
