import { describe, expect, it } from 'vitest';
import { dayCount, parseDay, periodProblem, presetOf, presetRange, todayIn } from './evidence-period';

describe('evidence period presets', () => {
  it('takes the whole previous month, across year ends and short months', () => {
    expect(presetRange('lastMonth', '2026-11-02')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('runs this month from its first day to today', () => {
    expect(presetRange('thisMonth', '2026-11-02')).toEqual({ from: '2026-11-01', to: '2026-11-02' });
    expect(presetRange('thisMonth', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
  });

  it('takes the whole previous calendar quarter', () => {
    expect(presetRange('lastQuarter', '2026-11-02')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetRange('lastQuarter', '2026-01-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('lastQuarter', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('lastQuarter', '2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetRange('lastQuarter', '2026-07-15')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetRange('lastQuarter', '2026-12-31')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('refuses a today that is not a day', () => {
    expect(() => presetRange('lastMonth', '2026-13-01')).toThrow('is not a YYYY-MM-DD day');
  });

  it('recognises a typed range that equals a preset', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-02')).toBe('lastMonth');
    expect(presetOf({ from: '2026-07-01', to: '2026-09-30' }, '2026-11-02')).toBe('lastQuarter');
    expect(presetOf({ from: '2026-10-02', to: '2026-10-31' }, '2026-11-02')).toBe('custom');
  });
});

describe('today in the site time zone', () => {
  it('uses the site zone, not UTC', () => {
    const instant = Date.parse('2026-10-31T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-10-31');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-11-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-10-31');
  });

  it('makes "last month" the month before the site-local today', () => {
    const instant = Date.parse('2026-10-31T23:30:00Z');
    expect(presetRange('lastMonth', todayIn('Europe/Berlin', instant))).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('lastMonth', todayIn('America/New_York', instant))).toEqual({ from: '2026-09-01', to: '2026-09-30' });
  });
});

describe('period validation', () => {
  const today = '2026-11-02';

  it('accepts a past or current period', () => {
    expect(periodProblem({ from: '2026-10-01', to: '2026-10-31' }, today)).toBeNull();
    expect(periodProblem({ from: '2026-11-02', to: '2026-11-02' }, today)).toBeNull();
  });

  it('names the field that is wrong', () => {
    expect(periodProblem({ from: '', to: '2026-10-31' }, today)?.field).toBe('from');
    expect(periodProblem({ from: '2026-02-30', to: '2026-10-31' }, today)?.field).toBe('from');
    expect(periodProblem({ from: '2026-10-01', to: 'soon' }, today)?.field).toBe('to');
    expect(periodProblem({ from: '2026-10-31', to: '2026-10-01' }, today)).toEqual({ field: 'to', message: 'The last day must be on or after the first day.' });
    expect(periodProblem({ from: '2026-10-01', to: '2026-11-03' }, today)).toEqual({ field: 'to', message: 'The period cannot end after today (2026-11-02).' });
    expect(periodProblem({ from: '2026-11-03', to: '2026-11-04' }, today)?.field).toBe('from');
  });

  it('reads only real calendar days', () => {
    expect(parseDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-1-01')).toBeNull();
  });

  it('counts days with both ends included', () => {
    expect(dayCount({ from: '2026-10-01', to: '2026-10-31' })).toBe(31);
    expect(dayCount({ from: '2026-03-28', to: '2026-03-30' })).toBe(3);
    expect(dayCount({ from: 'x', to: '2026-03-30' })).toBe(0);
  });
});
