import { describe, expect, it } from 'vitest';
import { periodLabel } from './build-evidence-report';

describe('periodLabel', () => {
  it('names a whole month by its name', () => {
    expect(periodLabel('2026-10-01', '2026-10-31')).toBe('October 2026');
    expect(periodLabel('2028-02-01', '2028-02-29')).toBe('February 2028');
  });

  it('names other periods by their days', () => {
    expect(periodLabel('2026-11-01', '2026-11-22')).toBe('1–22 November 2026');
    expect(periodLabel('2026-11-05', '2026-11-05')).toBe('5 November 2026');
    expect(periodLabel('2026-10-05', '2026-11-04')).toBe('5 October – 4 November 2026');
    expect(periodLabel('2026-12-28', '2027-01-03')).toBe('28 December 2026 – 3 January 2027');
    expect(periodLabel('2026-07-01', '2026-09-30')).toBe('1 July – 30 September 2026');
  });
});
