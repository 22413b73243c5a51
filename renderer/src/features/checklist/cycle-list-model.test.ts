import { describe, expect, it } from 'vitest';
import { cycleSummary, emergencySummary } from './cycle-fixtures.test-helper';
import { baselineOf, baselineOffer, cycleName, lateAcrossOpen, sortCycles } from './cycle-list-model';

describe('cycle list', () => {
  it('names baselines by month and emergencies by title', () => {
    expect(cycleName(cycleSummary(), 'en-GB')).toBe('November 2026');
    expect(cycleName(emergencySummary())).toBe('Emergency: CVE-2026-1234');
  });

  it('lists open cycles first, overdue emergencies on top, then closed ones newest first', () => {
    const october = cycleSummary({ id: 10, month: '2026-10', anchorDate: '2026-10-13', status: 'closed', closedAt: '2026-10-30T10:00:00Z' });
    const september = cycleSummary({ id: 9, month: '2026-09', anchorDate: '2026-09-08', status: 'closed', closedAt: '2026-09-29T10:00:00Z' });
    const november = cycleSummary({ id: 11 });
    const late = emergencySummary({ id: 20, overdue: true, deadline: '2026-11-21T23:00:00Z' });
    const soon = emergencySummary({ id: 21, deadline: '2026-11-24T23:00:00Z' });
    const later = emergencySummary({ id: 22, deadline: '2026-11-28T23:00:00Z' });
    expect(sortCycles([september, later, november, october, soon, late]).map((cycle) => cycle.id)).toEqual([20, 21, 22, 11, 10, 9]);
  });

  it('offers this month’s baseline as the main action until it exists', () => {
    expect(baselineOffer([], '2026-11-22')).toEqual({ month: '2026-11', primary: true });
    expect(baselineOffer([cycleSummary({ month: '2026-10' })], '2026-11-02')).toEqual({ month: '2026-11', primary: true });
  });

  it('offers next month’s baseline only in the last week of the month', () => {
    const november = [cycleSummary()];
    expect(baselineOffer(november, '2026-11-22')).toBeNull();
    expect(baselineOffer(november, '2026-11-24')).toEqual({ month: '2026-12', primary: false });
    expect(baselineOffer([...november, cycleSummary({ id: 3, month: '2026-12' })], '2026-11-28')).toBeNull();
    expect(baselineOffer([cycleSummary({ month: '2026-12' })], '2026-12-31')).toEqual({ month: '2027-01', primary: false });
  });

  it('finds a month’s baseline and counts late items of open cycles', () => {
    const cycles = [cycleSummary({ progress: { total: 8, done: 2, notApplicable: 0, pending: 6, late: 2, percent: 25 } }), emergencySummary({ progress: { total: 5, done: 0, notApplicable: 0, pending: 5, late: 1, percent: 0 } }), cycleSummary({ id: 5, month: '2026-10', status: 'closed', progress: { total: 8, done: 6, notApplicable: 0, pending: 2, late: 2, percent: 75 } })];
    expect(baselineOf(cycles, '2026-10')?.id).toBe(5);
    expect(baselineOf(cycles, '2026-12')).toBeUndefined();
    expect(lateAcrossOpen(cycles)).toBe(3);
  });
});
