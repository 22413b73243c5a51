import { describe, expect, it } from 'vitest';
import { customRangeProblem, presetRange, summaryRequest } from './period-presets';

describe('presetRange', () => {
  it('counts the last 30 and 90 days back from today, today included', () => {
    expect(presetRange('last30', '2026-11-22')).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(presetRange('last90', '2026-11-22')).toEqual({ from: '2026-08-25', to: '2026-11-22' });
  });

  it('gives this month so far and the whole of last month', () => {
    expect(presetRange('thisMonth', '2026-11-22')).toEqual({ from: '2026-11-01', to: '2026-11-22' });
    expect(presetRange('lastMonth', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('crosses year ends and short months', () => {
    expect(presetRange('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('last30', '2027-01-10')).toEqual({ from: '2026-12-12', to: '2027-01-10' });
    expect(presetRange('thisMonth', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });
});

describe('customRangeProblem', () => {
  const today = '2026-11-22';
  it('accepts a range in the past or reaching today', () => {
    expect(customRangeProblem({ from: '2026-01-01', to: '2026-03-31' }, today)).toBeNull();
    expect(customRangeProblem({ from: '2026-11-01', to: '2026-12-31' }, today)).toBeNull();
    expect(customRangeProblem({ from: today, to: today }, today)).toBeNull();
  });

  it('names the field at fault', () => {
    expect(customRangeProblem({ from: '', to: '2026-03-31' }, today)?.field).toBe('from');
    expect(customRangeProblem({ from: '2026-02-30', to: '2026-03-31' }, today)?.field).toBe('from');
    expect(customRangeProblem({ from: '2026-01-01', to: 'soon' }, today)?.field).toBe('to');
    expect(customRangeProblem({ from: '2026-11-23', to: '2026-11-30' }, today)).toEqual({ field: 'from', message: 'The period cannot start after today.' });
    expect(customRangeProblem({ from: '2026-05-02', to: '2026-05-01' }, today)).toEqual({ field: 'to', message: 'The last day must be on or after the first day.' });
  });
});

describe('summaryRequest', () => {
  it('sends past days as they are', () => {
    expect(summaryRequest(3, { from: '2026-10-01', to: '2026-10-31' }, '2026-11-22')).toEqual({ siteId: 3, from: '2026-10-01', to: '2026-10-31' });
  });

  it('ends a range that reaches today at now, not at midnight', () => {
    expect(summaryRequest(3, { from: '2026-10-24', to: '2026-11-22' }, '2026-11-22')).toEqual({ siteId: 3, from: '2026-10-24' });
    expect(summaryRequest(3, { from: '2026-11-01', to: '2026-12-31' }, '2026-11-22')).toEqual({ siteId: 3, from: '2026-11-01' });
  });
});
