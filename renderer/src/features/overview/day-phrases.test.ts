import { describe, expect, it } from 'vitest';
import { dayCount, daysAgo, daysBetween, inDays, wholeDaysBetween } from './day-phrases';

describe('day phrases', () => {
  it('counts days in words', () => {
    expect(dayCount(1)).toBe('1 day');
    expect(dayCount(0)).toBe('0 days');
    expect(daysAgo(0)).toBe('today');
    expect(daysAgo(1)).toBe('yesterday');
    expect(daysAgo(24)).toBe('24 days ago');
    expect(inDays(0)).toBe('today');
    expect(inDays(1)).toBe('tomorrow');
    expect(inDays(10)).toBe('in 10 days');
  });

  it('measures calendar days and elapsed days', () => {
    expect(daysBetween('2026-11-20', '2026-11-22')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('nope', '2026-11-22')).toBe(0);
    expect(wholeDaysBetween('2026-10-25T13:22:25.105Z', '2026-11-22T14:22:07.932Z')).toBe(28);
    expect(wholeDaysBetween('2026-11-23T00:00:00Z', '2026-11-22T00:00:00Z')).toBe(0);
  });
});
