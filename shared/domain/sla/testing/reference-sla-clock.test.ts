import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY, type PatchPolicy } from '../../patch-policy';
import type { Tier } from '../../risk-tier';
import type { PatchException } from '../exception-status';
import { DEFAULT_TIER, slaDeadline, slaStatus, type SlaItem } from './reference-sla-clock';

const policy = DEFAULT_PATCH_POLICY;

function item(overrides: Partial<SlaItem> = {}): SlaItem {
  return {
    assetId: 1,
    name: 'openssl',
    cves: ['CVE-2026-0001'],
    tier: 1,
    firstSeenAt: '2026-01-31T22:30:00Z',
    security: true,
    severity: 'Critical',
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('slaDeadline: end of the Nth local day after the first sighting', () => {
  // zone, first seen (UTC), tier, severity, SLA days, due date (local), dueAt (first overdue instant)
  it.each([
    // 23:30 local on the 31st, 7 days: due at the end of 7 February, local midnight in each zone.
    ['Europe/Berlin', '2026-01-31T22:30:00Z', 1, 'Critical', 7, '2026-02-07', '2026-02-07T23:00:00.000Z'],
    ['UTC', '2026-01-31T23:30:00Z', 1, 'Critical', 7, '2026-02-07', '2026-02-08T00:00:00.000Z'],
    ['America/New_York', '2026-02-01T04:30:00Z', 1, 'Critical', 7, '2026-02-07', '2026-02-08T05:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-31T18:00:00Z', 1, 'Critical', 7, '2026-02-07', '2026-02-07T18:30:00.000Z'],
    // The same instant is a different local day in each zone.
    ['Asia/Kolkata', '2026-01-31T18:29:59Z', 1, 'Critical', 7, '2026-02-07', '2026-02-07T18:30:00.000Z'],
    ['Asia/Kolkata', '2026-01-31T18:30:00Z', 1, 'Critical', 7, '2026-02-08', '2026-02-08T18:30:00.000Z'],
    ['America/New_York', '2026-01-31T22:30:00Z', 1, 'Critical', 7, '2026-02-07', '2026-02-08T05:00:00.000Z'],
    // Across DST changes the deadline stays at local midnight, so the window is 1 h shorter or longer.
    ['Europe/Berlin', '2026-03-25T10:00:00Z', 1, 'Critical', 7, '2026-04-01', '2026-04-01T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-20T10:00:00Z', 1, 'Critical', 7, '2026-10-27', '2026-10-27T23:00:00.000Z'],
    ['America/New_York', '2026-03-05T15:00:00Z', 1, 'Critical', 7, '2026-03-12', '2026-03-13T04:00:00.000Z'],
    ['America/New_York', '2026-10-29T15:00:00Z', 1, 'Critical', 7, '2026-11-05', '2026-11-06T05:00:00.000Z'],
    // Month ends and leap years (tier 2 high: 30 days; tier 1 critical: 7).
    ['UTC', '2026-01-31T12:00:00Z', 2, 'Important', 30, '2026-03-02', '2026-03-03T00:00:00.000Z'],
    ['UTC', '2028-01-31T12:00:00Z', 2, 'Important', 30, '2028-03-01', '2028-03-02T00:00:00.000Z'],
    ['UTC', '2028-02-29T12:00:00Z', 1, 'Critical', 7, '2028-03-07', '2028-03-08T00:00:00.000Z'],
    ['Europe/Berlin', '2028-02-29T22:59:59Z', 1, 'Critical', 7, '2028-03-07', '2028-03-07T23:00:00.000Z'],
    ['UTC', '2026-12-28T12:00:00Z', 1, 'Critical', 7, '2027-01-04', '2027-01-05T00:00:00.000Z'],
    // Tier 3 low: 180 days, across both Berlin DST changes.
    ['Europe/Berlin', '2026-03-01T12:00:00Z', 3, 'Low', 180, '2026-08-28', '2026-08-28T22:00:00.000Z'],
  ] as const)('%s, seen %s, tier %i %s: %i days, due %s (overdue from %s)', (timeZone, firstSeenAt, tier, severity, days, dueDate, dueAt) => {
    const d = slaDeadline(item({ timeZone, firstSeenAt, tier, severity }), policy);
    expect(d).toMatchObject({ slaDays: days, dueDate, dueAt, tierDefaulted: false });
  });

  it('holds an unclassified asset to tier 2', () => {
    expect(DEFAULT_TIER).toBe(2);
    const d = slaDeadline(item({ tier: null, firstSeenAt: '2026-01-31T12:00:00Z' }), policy);
    expect(d).toMatchObject({ tier: 2, tierDefaulted: true, severity: 'critical', slaDays: 14, dueDate: '2026-02-14' });
  });

  it.each([
    // severity, security → policy severity, basis, tier-1 SLA days
    [undefined, true, 'high', 'assumed_security', 14],
    ['not yet assigned', true, 'high', 'assumed_security', 14],
    ['Unknown/Sec.', null, 'high', 'assumed_security', 14],
    [undefined, false, 'low', 'assumed_other', 60],
    [undefined, null, 'low', 'assumed_other', 60],
    [9.8, true, 'critical', 'cvss', 7],
  ] as const)('severity %j (security %s) is %s (%s): %i days on tier 1', (severity, security, expected, basis, days) => {
    expect(slaDeadline(item({ severity, security }), policy)).toMatchObject({ severity: expected, severityBasis: basis, slaDays: days });
  });

  it('reports the first-seen date in site time', () => {
    expect(slaDeadline(item({ timeZone: 'Asia/Kolkata', firstSeenAt: '2026-01-31T18:30:00Z' }), policy).firstSeenDate).toBe('2026-02-01');
  });

  it('refuses a policy whose SLA is not a whole number of days', () => {
    const odd: PatchPolicy = { ...policy, slaDays: { ...policy.slaDays, '1': { ...policy.slaDays['1'], critical: 7.5 } } };
    expect(() => slaDeadline(item(), odd)).toThrow(/7.5 days/);
  });

  it('refuses a first sighting without an offset', () => {
    expect(() => slaDeadline(item({ firstSeenAt: '2026-01-31T23:30:00' }), policy)).toThrow(RangeError);
  });
});

describe('slaStatus: states and day counts', () => {
  // Tier 2 high = 30 days, UTC, first seen 1 January 10:00: due 31 January, overdue from 1 February.
  // Due soon when 6 days or fewer are left (20 % of 30 exceeds the 2-day minimum).
  const thirty = item({ tier: 2, severity: 'Important', firstSeenAt: '2026-01-01T10:00:00Z' });
  it.each([
    ['2026-01-01T10:00:00Z', 'within', 30, 0],
    ['2026-01-24T23:59:59Z', 'within', 7, 0],
    ['2026-01-25T00:00:00Z', 'due_soon', 6, 0],
    ['2026-01-31T23:59:59.999Z', 'due_soon', 0, 0],
    ['2026-02-01T00:00:00Z', 'overdue', 0, 1],
    ['2026-02-08T12:00:00Z', 'overdue', 0, 8],
    ['2026-05-01T00:00:00Z', 'overdue', 0, 90],
    ['2025-12-31T10:00:00Z', 'within', 30, 0], // a viewer clock behind the collector's
  ] as const)('30-day SLA at %s: %s, %i days left, %i overdue', (now, state, remainingDays, overdueDays) => {
    expect(slaStatus(thirty, policy, now)).toMatchObject({ state, remainingDays, overdueDays, exception: null });
  });

  // Tier 1 critical = 7 days, Berlin, seen 23:30 local on 31 January: due 7 February.
  // Due soon from 2 days before (20 % of 7 is 1.4, below the 2-day minimum).
  const seven = item({ timeZone: 'Europe/Berlin' });
  it.each([
    ['2026-02-04T22:59:59Z', 'within', 3, 0], // 23:59:59 on 4 February, Berlin
    ['2026-02-04T23:00:00Z', 'due_soon', 2, 0], // 00:00 on 5 February
    ['2026-02-07T22:59:59.999Z', 'due_soon', 0, 0],
    ['2026-02-07T23:00:00Z', 'overdue', 0, 1], // midnight Berlin, though still 7 February in UTC
  ] as const)('7-day SLA in Berlin at %s: %s, %i days left, %i overdue', (now, state, remainingDays, overdueDays) => {
    expect(slaStatus(seven, policy, now)).toMatchObject({ state, remainingDays, overdueDays });
  });

  // Tier 3 low = 180 days: due soon from 36 days before.
  it.each([
    ['2026-07-22T12:00:00Z', 'within', 37],
    ['2026-07-23T12:00:00Z', 'due_soon', 36],
  ] as const)('180-day SLA at %s: %s, %i days left', (now, state, remainingDays) => {
    const low = item({ tier: 3, severity: 'Low', firstSeenAt: '2026-03-01T12:00:00Z' });
    expect(slaStatus(low, policy, now)).toMatchObject({ state, remainingDays, dueDate: '2026-08-28' });
  });

  it('counts overdue days in local days across a DST change', () => {
    // New York, due 7 March, overdue from 8 March 05:00Z; clocks go forward on 8 March.
    const ny = item({ timeZone: 'America/New_York', firstSeenAt: '2026-02-28T15:00:00Z' });
    expect(slaStatus(ny, policy, '2026-03-08T04:59:59Z')).toMatchObject({ state: 'due_soon', remainingDays: 0 });
    expect(slaStatus(ny, policy, '2026-03-08T05:00:00Z')).toMatchObject({ state: 'overdue', overdueDays: 1 });
    expect(slaStatus(ny, policy, '2026-03-09T03:59:59Z')).toMatchObject({ overdueDays: 1 }); // 23:59:59 EDT
    expect(slaStatus(ny, policy, '2026-03-09T04:00:00Z')).toMatchObject({ overdueDays: 2 });
  });
});

describe('slaStatus: exceptions', () => {
  const overdueItem = item({ firstSeenAt: '2026-01-01T10:00:00Z' }); // tier 1 critical, due 8 January
  const now = '2026-02-01T00:00:00Z';
  const exception = (overrides: Partial<PatchException> = {}): PatchException => ({
    id: 1,
    scope: { kind: 'cve', value: 'CVE-2026-0001' },
    startsAt: '2026-01-05T00:00:00Z',
    expiresAt: '2026-03-01T00:00:00Z',
    ...overrides,
  });

  it('is excepted while a matching exception runs, and still reports how overdue it is', () => {
    const e = exception();
    expect(slaStatus(overdueItem, policy, now, [e])).toMatchObject({ state: 'excepted', overdueDays: 24, exception: e });
  });

  it('is excepted even before it is due, so the register is visible on the fix', () => {
    expect(slaStatus(overdueItem, policy, '2026-01-06T00:00:00Z', [exception()])).toMatchObject({ state: 'excepted', remainingDays: 2, overdueDays: 0 });
  });

  it.each([
    ['an expired one', { expiresAt: '2026-01-31T00:00:00Z' }],
    ['one ending exactly now', { expiresAt: now }],
    ['a scheduled one', { startsAt: '2026-02-02T00:00:00Z' }],
    ['a closed one', { closedAt: '2026-01-20T00:00:00Z' }],
    ['one for another asset', { scope: { kind: 'asset', assetId: 2 } }],
    ['one for another CVE', { scope: { kind: 'cve', value: 'CVE-2026-9999' } }],
  ] as const)('is overdue with %s', (_label, overrides) => {
    expect(slaStatus(overdueItem, policy, now, [exception(overrides)])).toMatchObject({ state: 'overdue', exception: null });
  });

  it('names the covering exception that runs longest', () => {
    const short = exception({ id: 1, expiresAt: '2026-02-10T00:00:00Z' });
    const long = exception({ id: 2, scope: { kind: 'asset', assetId: 1 }, expiresAt: '2026-04-01T00:00:00Z' });
    expect(slaStatus(overdueItem, policy, now, [short, long]).exception?.id).toBe(2);
    expect(slaStatus(overdueItem, policy, now, [long, short]).exception?.id).toBe(2);
  });

  it('works with any tier', () => {
    for (const tier of [1, 2, 3, 4, null] as (Tier | null)[]) {
      expect(slaStatus(item({ tier }), policy, '2026-01-31T23:00:00Z').state).toBe('within');
    }
  });
});
