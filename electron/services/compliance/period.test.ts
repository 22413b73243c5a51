import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/app-error';
import { boundToMs, resolvePeriod, trendMonths } from './period';

const NOW = Date.parse('2026-11-02T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('resolvePeriod', () => {
  it('defaults to the 30 local days ending now', () => {
    expect(resolvePeriod({}, 'Europe/Berlin', NOW)).toEqual({
      fromMs: Date.parse('2026-10-03T22:00:00.000Z'),
      toMs: NOW,
      from: '2026-10-03T22:00:00.000Z',
      to: '2026-11-02T09:00:00.000Z',
      fromDate: '2026-10-04',
      toDate: '2026-11-02',
    });
  });

  it('reads days in the site zone: from the start of the first to the end of the last', () => {
    const period = resolvePeriod({ from: '2026-10-01', to: '2026-10-31' }, 'Europe/Berlin', NOW);
    // Summer time until 25 October, winter time after.
    expect([period.from, period.to, period.fromDate, period.toDate]).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', '2026-10-01', '2026-10-31']);
  });

  it('takes instants as they are, and defaults the start to 30 days before a given end', () => {
    expect(resolvePeriod({ from: '2026-10-01T12:00:00+02:00', to: '2026-10-02T00:00:00Z' }, 'UTC', NOW)).toMatchObject({ from: '2026-10-01T10:00:00.000Z', to: '2026-10-02T00:00:00.000Z' });
    expect(resolvePeriod({ to: '2026-06-30' }, 'UTC', NOW)).toMatchObject({ from: '2026-06-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z', fromDate: '2026-06-01', toDate: '2026-06-30' });
  });

  it('refuses a period that does not end after it starts, naming both ends', () => {
    expect(() => resolvePeriod({ from: '2026-10-31', to: '2026-10-01' }, 'UTC', NOW)).toThrow('the period must end after it starts: it runs from 2026-10-31T00:00:00.000Z to 2026-10-02T00:00:00.000Z (local days 2026-10-31 to 2026-10-01 in UTC)');
    try {
      resolvePeriod({ from: '2026-11-02T09:00:00Z', to: '2026-11-02T09:00:00Z' }, 'UTC', NOW);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).issues).toEqual([{ path: 'to', message: 'must be after from' }]);
    }
  });

  it('refuses an unreadable bound', () => {
    expect(() => boundToMs('next tuesday', 'UTC', 'from')).toThrow(/from: "next tuesday" is not a day/);
  });
});

describe('trendMonths', () => {
  it('gives twelve local months, the last cut at the period end, across a year boundary', () => {
    const months = trendMonths(NOW, 'Europe/Berlin');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-12', fromMs: Date.parse('2025-11-30T23:00:00Z'), toMs: Date.parse('2025-12-31T23:00:00Z'), complete: true });
    expect(months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months[11]).toEqual({ month: '2026-11', fromMs: Date.parse('2026-10-31T23:00:00Z'), toMs: NOW, complete: false });
    // March starts in winter time and ends in summer time.
    expect([iso(months[3]!.fromMs), iso(months[3]!.toMs)]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    for (let i = 1; i < months.length; i++) expect(months[i]!.fromMs).toBe(months[i - 1]!.toMs);
  });

  it('ends with a whole month when the period ends at a month end', () => {
    const months = trendMonths(Date.parse('2026-10-31T23:00:00Z'), 'Europe/Berlin', 2);
    expect(months.map((m) => [m.month, iso(m.fromMs), iso(m.toMs), m.complete])).toEqual([
      ['2026-09', '2026-08-31T22:00:00.000Z', '2026-09-30T22:00:00.000Z', true],
      ['2026-10', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', true],
    ]);
  });
});
