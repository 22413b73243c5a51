import { describe, expect, it } from 'vitest';
import { weekdayAt, weekdayIndex, WEEKDAYS } from './weekdays';

describe('weekdays', () => {
  it('indexes weekdays from Sunday, as Date#getUTCDay does', () => {
    expect(WEEKDAYS.map(weekdayIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weekdayAt(2)).toBe('tue');
    expect(weekdayAt(-1)).toBe('sat');
    expect(weekdayAt(9)).toBe('tue');
  });
});
