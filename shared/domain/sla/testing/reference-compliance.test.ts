import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../../patch-policy';
import { breachIntervals, complianceReport, overdueAgeBand, type TrackedFix } from './reference-compliance';
import type { PatchException } from '../exception-status';

const policy = DEFAULT_PATCH_POLICY;
const Q1 = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

function fix(overrides: Partial<TrackedFix> = {}): TrackedFix {
  return {
    assetId: 1,
    name: 'openssl',
    cves: ['CVE-2026-0001'],
    tier: 1,
    firstSeenAt: '2026-01-01T10:00:00Z',
    resolvedAt: null,
    security: true,
    severity: 'Critical',
    timeZone: 'UTC',
    ...overrides,
  };
}

let nextId = 1;
function exc(startsAt: string, expiresAt: string, overrides: Partial<PatchException> = {}): PatchException {
  return { id: nextId++, scope: { kind: 'cve', value: 'CVE-2026-0001' }, startsAt: `${startsAt}T00:00:00Z`, expiresAt: `${expiresAt}T00:00:00Z`, ...overrides };
}

/** Intervals as `MM-DD[THH:MM]` pairs, to keep the tables readable. */
function short(intervals: { from: string; to: string }[]): string[][] {
  const s = (iso: string) => iso.slice(5, 16).replace('T00:00', '');
  return intervals.map((i) => [s(i.from), s(i.to)]);
}

describe('overdueAgeBand', () => {
  it.each([
    [0, '0-7'],
    [1, '0-7'],
    [7, '0-7'],
    [8, '8-30'],
    [30, '8-30'],
    [31, '31-90'],
    [90, '31-90'],
    [91, '90+'],
    [400, '90+'],
  ] as const)('%i days overdue: %s', (days, band) => {
    expect(overdueAgeBand(days)).toBe(band);
  });
});

describe('breachIntervals', () => {
  // Tier 1 critical (7 days), UTC, first seen 1 January 10:00: due 8 January, in breach from 9 January 00:00.
  it.each([
    ['no exception', fix(), [], [['01-09', '04-01']]],
    ['resolved in the period', fix({ resolvedAt: '2026-01-20T12:00:00Z' }), [], [['01-09', '01-20T12:00']]],
    ['resolved before it was due', fix({ resolvedAt: '2026-01-08T23:59:59Z' }), [], []],
    ['due before the period', fix({ firstSeenAt: '2025-10-01T10:00:00Z' }), [], [['01-01', '04-01']]],
    ['due after the period', fix({ firstSeenAt: '2026-03-30T10:00:00Z' }), [], []],
    ['an exception starting and ending mid-period', fix(), [exc('2026-02-01', '2026-03-01')], [['01-09', '02-01'], ['03-01', '04-01']]],
    ['an exception from before the period ending mid-period', fix(), [exc('2025-12-01', '2026-02-15')], [['02-15', '04-01']]],
    ['an exception starting mid-period, running past it', fix(), [exc('2026-03-01', '2026-05-01')], [['01-09', '03-01']]],
    ['an exception closed early', fix(), [exc('2026-01-05', '2026-05-01', { closedAt: '2026-03-10T00:00:00Z' })], [['03-10', '04-01']]],
    ['a renewal continuing at the expiry', fix(), [exc('2026-01-05', '2026-02-15', { renewedById: 99 }), exc('2026-02-15', '2026-05-01')], []],
    ['an early renewal overlapping', fix(), [exc('2026-01-05', '2026-03-01', { renewedById: 99 }), exc('2026-02-20', '2026-05-01')], []],
    ['a renewal after a lapse', fix(), [exc('2026-01-05', '2026-02-15', { renewedById: 99 }), exc('2026-02-20', '2026-05-01')], [['02-15', '02-20']]],
    ['overlapping exceptions', fix(), [exc('2026-02-01', '2026-02-20'), exc('2026-02-10', '2026-03-01')], [['01-09', '02-01'], ['03-01', '04-01']]],
    ['an exception for another CVE', fix(), [exc('2026-01-01', '2026-05-01', { scope: { kind: 'cve', value: 'CVE-2026-9999' } })], [['01-09', '04-01']]],
    ['an exception for another asset', fix(), [exc('2026-01-01', '2026-05-01', { scope: { kind: 'asset', assetId: 2 } })], [['01-09', '04-01']]],
    ['an asset exception', fix(), [exc('2026-01-01', '2026-05-01', { scope: { kind: 'asset', assetId: 1 } })], []],
  ] as const)('%s', (_label, item, exceptions, expected) => {
    expect(short(breachIntervals(item, policy, exceptions, Q1))).toEqual(expected);
  });

  it('resumes exactly at the expiry instant', () => {
    const [, second] = breachIntervals(fix(), policy, [exc('2026-02-01', '2026-03-01')], Q1);
    expect(second?.from).toBe('2026-03-01T00:00:00.000Z');
  });

  it('starts at local midnight in the site zone', () => {
    const berlin = fix({ timeZone: 'Europe/Berlin', firstSeenAt: '2026-01-31T22:30:00Z' }); // 23:30 on 31 January
    expect(breachIntervals(berlin, policy, [], Q1)).toEqual([{ from: '2026-02-07T23:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }]);
    const kolkata = fix({ timeZone: 'Asia/Kolkata', firstSeenAt: '2026-01-31T18:30:00Z' }); // 00:00 on 1 February
    expect(breachIntervals(kolkata, policy, [], Q1)[0]?.from).toBe('2026-02-08T18:30:00.000Z');
  });

  it('holds an unclassified asset to tier 2', () => {
    expect(short(breachIntervals(fix({ tier: null }), policy, [], Q1))).toEqual([['01-16', '04-01']]); // 14 days
  });

  it('is empty for an empty period and refuses a reversed one', () => {
    expect(breachIntervals(fix(), policy, [], { from: Q1.to, to: Q1.to })).toEqual([]);
    expect(() => breachIntervals(fix(), policy, [], { from: Q1.to, to: Q1.from })).toThrow(RangeError);
  });
});

describe('complianceReport', () => {
  // Q1 2026 in UTC; the snapshot is taken at 1 April 00:00.
  const items: Record<string, TrackedFix> = {
    // Tier 1 critical, 7 days: due 1 April, its last day.
    a: fix({ assetId: 1, name: 'a', firstSeenAt: '2026-03-25T10:00:00Z' }),
    // Tier 1 high, 14 days: due 24 January, 67 days overdue.
    b: fix({ assetId: 1, name: 'b', severity: 'Important', firstSeenAt: '2026-01-10T10:00:00Z' }),
    // Unclassified (tier 2), security of unknown severity (high, 30 days): due 19 April.
    c: fix({ assetId: 2, name: 'c', tier: null, severity: undefined, firstSeenAt: '2026-03-20T10:00:00Z' }),
    // Unclassified (tier 2), critical, 14 days: due 15 March, 17 days overdue.
    d: fix({ assetId: 2, name: 'd', tier: null, firstSeenAt: '2026-03-01T10:00:00Z' }),
    // Tier 3, not security, moderate (90 days): due 30 August 2025, 214 days overdue.
    e: fix({ assetId: 3, name: 'e', tier: 3, security: false, severity: 'Moderate', firstSeenAt: '2025-06-01T10:00:00Z' }),
    // Tier 3 critical (30 days), resolved in March: breached 5 February to 1 March, not missing at the end.
    f: fix({ assetId: 3, name: 'f', tier: 3, firstSeenAt: '2026-01-05T10:00:00Z', resolvedAt: '2026-03-01T00:00:00Z' }),
    // Tier 4 critical (30 days): due 31 January, excepted from 10 February.
    g: fix({ assetId: 4, name: 'g', tier: 4, cves: ['CVE-2026-0404'], firstSeenAt: '2026-01-01T10:00:00Z' }),
  };
  const exceptions: PatchException[] = [
    exc('2026-02-10', '2026-04-15', { id: 1, scope: { kind: 'cve', value: 'CVE-2026-0404', assetId: 4 } }), // expiring soon at the end
    exc('2026-01-01', '2026-02-01', { id: 2, scope: { kind: 'asset', assetId: 3 } }), // expired in the period
    exc('2026-05-01', '2026-06-01', { id: 3, scope: { kind: 'package', value: 'nginx' } }), // scheduled
    exc('2025-10-01', '2026-01-15', { id: 4, scope: { kind: 'kb', value: 'KB5034441' }, renewedById: 5 }), // renewed
    exc('2026-01-01', '2026-03-01', { id: 5, scope: { kind: 'asset', assetId: 1 }, closedAt: '2026-01-20T00:00:00Z' }), // closed
  ];
  const input = { period: Q1, policy, items: Object.values(items), exceptions, assetIds: [1, 2, 3, 4, 5] };
  const report = complianceReport(input);

  it('counts patched assets at the end of the period, including those with nothing missing', () => {
    expect(report.assets).toEqual({ total: 5, fullyPatched: 1, fullyPatchedShare: 0.2, securityPatched: 2, securityPatchedShare: 0.4 });
  });

  it('classifies the fixes missing at the end by SLA state', () => {
    expect(report.missing).toEqual({ total: 6, within: 1, dueSoon: 1, overdue: 3, excepted: 1, withinSlaShare: 0.5 });
  });

  it('groups overdue fixes by tier and age band, longest overdue first', () => {
    expect(report.overdue.byTier).toEqual({
      '1': { '0-7': 0, '8-30': 0, '31-90': 1, '90+': 0 },
      '2': { '0-7': 0, '8-30': 1, '31-90': 0, '90+': 0 },
      '3': { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 1 },
      '4': { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 },
    });
    expect(report.overdue.items.map((o) => [o.item.name, o.status.overdueDays, o.band, o.status.tier, o.status.tierDefaulted])).toEqual([
      ['e', 214, '90+', 3, false],
      ['b', 67, '31-90', 1, false],
      ['d', 17, '8-30', 2, true],
    ]);
  });

  it('finds the oldest missing security fix, excepted or not', () => {
    expect(report.oldestMissingSecurity).toMatchObject({ item: { name: 'g' }, firstSeenAt: '2026-01-01T10:00:00Z', ageDays: 90 });
  });

  it('counts exceptions by status at the end', () => {
    expect(report.exceptions).toEqual({
      byStatus: { active: 0, expiring_soon: 1, expired: 1, closed: 1, renewed: 1, scheduled: 1 },
      active: 1,
      expired: 1,
      expiredDuringPeriod: 1,
    });
  });

  it('lists uncovered breaches inside the period, longest first', () => {
    expect(report.breaches.map((b) => [b.item.name, short(b.intervals), b.durationMs / 86_400_000])).toEqual([
      ['b', [['01-25', '04-01']], 66],
      ['e', [['02-01', '04-01']], 59], // covered by the asset exception until it expired on 1 February
      ['f', [['02-05', '03-01']], 24], // resolved, but it breached in the period
      ['d', [['03-16', '04-01']], 16],
      ['g', [['02-01', '02-10']], 9], // until its exception started
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = complianceReport({ ...input, items: [...input.items].reverse(), assetIds: [5, 4, 3, 2, 1] });
    expect(shuffled).toEqual(report);
    expect(complianceReport({ ...input, exceptions: [...exceptions].reverse() })).toEqual(report);
  });

  it('counts assets from items when no asset list is given', () => {
    const { assetIds: _omitted, ...withoutAssets } = input;
    expect(complianceReport(withoutAssets).assets).toMatchObject({ total: 4, fullyPatched: 0, securityPatched: 1 });
  });

  it('reports null shares when there is nothing to measure', () => {
    const empty = complianceReport({ period: Q1, policy, items: [], exceptions: [] });
    expect(empty.assets).toEqual({ total: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null });
    expect(empty.missing.withinSlaShare).toBeNull();
    expect(empty.oldestMissingSecurity).toBeNull();
    expect(empty.breaches).toEqual([]);
  });

  it('does not count a fix first seen after the end, nor one resolved exactly at it', () => {
    const r = complianceReport({
      period: Q1,
      policy,
      items: [fix({ firstSeenAt: '2026-04-01T00:00:01Z' }), fix({ assetId: 2, resolvedAt: Q1.to })],
      exceptions: [],
    });
    expect(r.missing.total).toBe(0);
    expect(r.assets).toMatchObject({ total: 2, fullyPatched: 2 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => complianceReport({ ...input, period: { from: Q1.to, to: Q1.from } })).toThrow(RangeError);
  });
});
