import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import {
  DEFAULT_EXPIRING_SOON_DAYS,
  exceptionCovers,
  exceptionMatches,
  exceptionStatus,
  validateExceptionDates,
  type ExceptionScope,
  type FixIdentity,
  type PatchException,
} from './exception-status';

function exception(overrides: Partial<PatchException> = {}): PatchException {
  return {
    id: 1,
    scope: { kind: 'asset', assetId: 3 },
    startsAt: '2026-02-01T00:00:00Z',
    expiresAt: '2026-05-01T00:00:00Z',
    ...overrides,
  };
}

const linux: FixIdentity = { assetId: 3, name: 'openssl', advisories: ['RHSA-2026:0042'], cves: ['CVE-2026-0001', 'CVE-2026-0002'] };
const linuxArch: FixIdentity = { assetId: 3, name: 'openssl.x86_64', cves: [] };
const windows: FixIdentity = { assetId: 7, name: '2026-01 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5034129)' };
const windowsKbList: FixIdentity = { assetId: 7, name: 'Security Update', kbs: ['KB5034441'] };

describe('exceptionStatus', () => {
  it.each([
    ['2026-01-31T23:59:59.999Z', {}, 'scheduled'],
    ['2026-02-01T00:00:00Z', {}, 'active'],
    ['2026-04-16T23:59:59Z', {}, 'active'], // 14 days and 1 second left
    ['2026-04-17T00:00:00Z', {}, 'expiring_soon'], // exactly 14 days left
    ['2026-04-30T23:59:59.999Z', {}, 'expiring_soon'],
    ['2026-05-01T00:00:00Z', {}, 'expired'], // the expiry instant itself
    ['2026-08-01T00:00:00Z', {}, 'expired'],
    ['2026-02-28T23:59:59Z', { closedAt: '2026-03-01T00:00:00Z' }, 'active'],
    ['2026-03-01T00:00:00Z', { closedAt: '2026-03-01T00:00:00Z' }, 'closed'],
    ['2026-08-01T00:00:00Z', { closedAt: '2026-03-01T00:00:00Z' }, 'closed'],
    ['2026-03-01T00:00:00Z', { renewedById: 2 }, 'renewed'],
    ['2026-08-01T00:00:00Z', { renewedById: 2 }, 'renewed'], // renewed, not lapsed
    ['2026-08-01T00:00:00Z', { renewedById: 2, closedAt: '2026-06-01T00:00:00Z' }, 'closed'],
    ['2026-01-01T00:00:00Z', { renewedById: 2 }, 'renewed'],
  ] as const)('at %s with %j: %s', (at, overrides, expected) => {
    expect(exceptionStatus(exception(overrides), at)).toBe(expected);
  });

  it('has a configurable expiring-soon threshold', () => {
    expect(DEFAULT_EXPIRING_SOON_DAYS).toBe(14);
    expect(exceptionStatus(exception(), '2026-04-01T00:00:00Z')).toBe('active');
    expect(exceptionStatus(exception(), '2026-04-01T00:00:00Z', { expiringSoonDays: 30 })).toBe('expiring_soon');
    expect(exceptionStatus(exception(), '2026-04-30T00:00:00Z', { expiringSoonDays: 0 })).toBe('active');
  });
});

describe('exceptionMatches: scopes', () => {
  const scope = (s: ExceptionScope) => exception({ scope: s });
  it.each([
    ['asset 3', { kind: 'asset', assetId: 3 }, linux, true],
    ['asset 3, other asset', { kind: 'asset', assetId: 3 }, windows, false],
    ['asset without an id', { kind: 'asset' }, linux, false],
    ['update by name, any case', { kind: 'update', value: 'OpenSSL' }, linux, true],
    ['update by advisory', { kind: 'update', value: 'rhsa-2026:0042' }, linux, true],
    ['update, another name', { kind: 'update', value: 'openssl-libs' }, linux, false],
    ['update by Windows title', { kind: 'update', value: windows.name }, windows, true],
    ['CVE, any case', { kind: 'cve', value: 'cve-2026-0002' }, linux, true],
    ['CVE on the right asset', { kind: 'cve', value: 'CVE-2026-0001', assetId: 3 }, linux, true],
    ['CVE on another asset', { kind: 'cve', value: 'CVE-2026-0001', assetId: 4 }, linux, false],
    ['CVE not fixed by it', { kind: 'cve', value: 'CVE-2026-0003' }, linux, false],
    ['KB from the title', { kind: 'kb', value: 'KB5034129' }, windows, true],
    ['KB without prefix', { kind: 'kb', value: '5034129' }, windows, true],
    ['KB from the list', { kind: 'kb', value: 'kb5034441' }, windowsKbList, true],
    ['another KB', { kind: 'kb', value: 'KB5034441' }, windows, false],
    ['package', { kind: 'package', value: 'openssl' }, linux, true],
    ['package, any architecture', { kind: 'package', value: 'openssl' }, linuxArch, true],
    ['package given with architecture', { kind: 'package', value: 'openssl:amd64' }, linux, true],
    ['package, not a prefix match', { kind: 'package', value: 'openssl' }, { ...linux, name: 'openssl-libs' }, false],
    ['value missing', { kind: 'cve' }, linux, false],
    ['value blank', { kind: 'package', value: '  ' }, linux, false],
  ] as const)('%s', (_label, s, fix, expected) => {
    expect(exceptionMatches(scope(s), fix)).toBe(expected);
  });
});

describe('exceptionCovers: only while running', () => {
  const e = exception({ scope: { kind: 'cve', value: 'CVE-2026-0001' }, startsAt: '2026-02-01T00:00:00Z', expiresAt: '2026-03-01T00:00:00Z' });
  it.each([
    ['before its start', '2026-01-31T23:59:59.999Z', e, false],
    ['at its start', '2026-02-01T00:00:00Z', e, true],
    ['just before its expiry', '2026-02-28T23:59:59.999Z', e, true],
    ['at its expiry instant', '2026-03-01T00:00:00Z', e, false],
    ['after its expiry', '2026-06-01T00:00:00Z', e, false],
    ['after it was closed', '2026-02-15T00:00:00Z', { ...e, closedAt: '2026-02-10T00:00:00Z' }, false],
    ['before it was closed', '2026-02-09T00:00:00Z', { ...e, closedAt: '2026-02-10T00:00:00Z' }, true],
    ['renewed, within its own dates', '2026-02-15T00:00:00Z', { ...e, renewedById: 9 }, true],
    ['renewed, after its own expiry', '2026-03-15T00:00:00Z', { ...e, renewedById: 9 }, false],
    ['expiry before start', '2026-02-15T00:00:00Z', { ...e, expiresAt: '2026-01-01T00:00:00Z' }, false],
  ] as const)('%s (%s): %s', (_label, at, ex, expected) => {
    expect(exceptionCovers(ex, linux, at)).toBe(expected);
  });

  it('does not cover a fix outside its scope', () => {
    expect(exceptionCovers(e, windows, '2026-02-15T00:00:00Z')).toBe(false);
  });
});

describe('validateExceptionDates', () => {
  const now = '2026-03-10T09:00:00Z';
  const max = DEFAULT_PATCH_POLICY.maxExceptionDays; // 90
  it.each([
    ['from now for 83 days', { expiresAt: '2026-06-01T00:00:00Z' }, []],
    ['from a later start', { startsAt: '2026-04-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z' }, []],
    ['exactly the maximum', { startsAt: now, expiresAt: '2026-06-08T09:00:00Z' }, []],
    ['a start earlier today', { startsAt: '2026-03-09T23:00:00Z', expiresAt: '2026-04-01T00:00:00Z' }, []],
    ['no expiry', { startsAt: now }, ['expiry_required']],
    ['a blank expiry', { expiresAt: '' }, ['expiry_required']],
    ['an unreadable expiry', { expiresAt: 'next month' }, ['invalid_date']],
    ['an unreadable start', { startsAt: '2026-03-32T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' }, ['invalid_date']],
    ['an expiry in the past', { expiresAt: '2026-03-01T00:00:00Z' }, ['expiry_in_past', 'expiry_not_after_start']],
    ['an expiry at now', { expiresAt: now }, ['expiry_in_past', 'expiry_not_after_start']],
    ['an expiry before a later start', { startsAt: '2026-04-01T00:00:00Z', expiresAt: '2026-03-20T00:00:00Z' }, ['expiry_not_after_start']],
    ['one second over the maximum plus DST slack', { startsAt: now, expiresAt: '2026-06-08T10:00:01Z' }, ['too_long']],
    ['a backdated start', { startsAt: '2026-03-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' }, ['backdated']],
    ['backdated and too long', { startsAt: '2026-01-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z' }, ['backdated', 'too_long']],
  ] as const)('%s: %j', (_label, dates, codes) => {
    expect(validateExceptionDates(dates, max, now).map((p) => p.code)).toEqual(codes);
  });

  it('puts the numbers in the messages', () => {
    const [tooLong] = validateExceptionDates({ startsAt: '2026-03-11T00:00:00Z', expiresAt: '2026-07-09T00:00:00Z' }, max, now);
    // An expiry at midnight ends the day before: that is the last day named, the one the admin typed.
    expect(tooLong?.message).toBe('The exception runs 120 days (2026-03-11 to 2026-07-08); the policy allows at most 90 days.');
    const [past] = validateExceptionDates({ expiresAt: '2026-03-01T00:00:00Z' }, max, now);
    expect(past?.message).toBe('The expiry (2026-02-28) is in the past; today is 2026-03-10.');
    const [afternoon] = validateExceptionDates({ expiresAt: '2026-03-01T15:00:00Z' }, max, now);
    expect(afternoon?.message).toBe('The expiry (2026-03-01) is in the past; today is 2026-03-10.');
    const [backdated] = validateExceptionDates({ startsAt: '2026-03-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' }, max, now);
    expect(backdated?.message).toContain('9 days in the past');
    expect(validateExceptionDates({ expiresAt: '2026-07-01T00:00:00Z' }, 30, now)[0]?.message).toContain('at most 30 days');
  });

  it('accepts 90 local days across the autumn DST change (90 days and 1 hour)', () => {
    const dates = { startsAt: '2026-10-01T00:00:00+02:00', expiresAt: '2026-12-30T00:00:00+01:00' };
    expect(validateExceptionDates(dates, max, '2026-09-30T12:00:00Z', 'Europe/Berlin')).toEqual([]);
  });

  it('shows dates in the site time zone', () => {
    const [past] = validateExceptionDates({ expiresAt: '2026-03-02T00:00:00+01:00' }, max, now, 'Europe/Berlin');
    expect(past?.message).toBe('The expiry (2026-03-01) is in the past; today is 2026-03-10.');
    const [pastUtc] = validateExceptionDates({ expiresAt: '2026-03-01T00:00:00+01:00' }, max, now);
    expect(pastUtc?.message).toContain('(2026-02-28)');
  });
});
