import { describe, expect, it } from 'vitest';
import { makeException } from './exception-fixtures.test-helper';
import { countExceptions, exceptionRows, isOpen, matchesSearch, renewalChain, statusesOutdated } from './exception-list-model';

const records = [
  makeException({ id: 1, status: 'active', expiresAt: '2027-01-20T00:00:00.000Z' }),
  makeException({ id: 2, status: 'expired', expiresAt: '2026-10-30T00:00:00.000Z', renewedById: null }),
  makeException({ id: 3, status: 'expiring_soon', expiresAt: '2026-11-10T00:00:00.000Z' }),
  makeException({ id: 4, status: 'closed', closedAt: '2026-10-20T10:00:00.000Z', closeReason: 'patched' }),
  makeException({ id: 5, status: 'renewed', expiresAt: '2026-11-05T00:00:00.000Z', renewedById: 6 }),
  makeException({ id: 6, status: 'active', renewsId: 5, expiresAt: '2026-12-20T00:00:00.000Z', scope: { kind: 'cve', assetId: null, value: 'CVE-2026-12345' }, assetName: '' }),
  makeException({ id: 7, status: 'expiring_soon', expiresAt: '2026-11-06T00:00:00.000Z', owner: 'Bob' }),
  makeException({ id: 8, status: 'scheduled', startsAt: '2026-11-20T00:00:00.000Z', expiresAt: '2026-11-25T00:00:00.000Z' }),
  makeException({ id: 9, status: 'expired', expiresAt: '2026-10-01T00:00:00.000Z' }),
];

describe('countExceptions', () => {
  it('counts by status and by tab', () => {
    const counts = countExceptions(records);
    expect(counts.expired).toBe(2);
    expect(counts.expiring_soon).toBe(2);
    expect(counts.active).toBe(2);
    expect(counts.scheduled).toBe(1);
    expect(counts.open).toBe(7);
    expect(counts.history).toBe(2);
  });

  it('counts zero for an empty register', () => {
    expect(countExceptions([])).toMatchObject({ active: 0, expired: 0, open: 0, history: 0 });
  });
});

describe('exceptionRows', () => {
  it('puts expired first (longest lapsed first), then the soonest to expire, scheduled last', () => {
    expect(exceptionRows(records, { tab: 'open' }).map((row) => row.id)).toEqual([9, 2, 7, 3, 6, 1, 8]);
  });

  it('keeps closed and renewed entries in history, the most recently ended first', () => {
    expect(exceptionRows(records, { tab: 'history' }).map((row) => row.id)).toEqual([5, 4]);
    expect(isOpen({ status: 'renewed' })).toBe(false);
    expect(isOpen({ status: 'expired' })).toBe(true);
  });

  it('narrows the open list to one status', () => {
    expect(exceptionRows(records, { tab: 'open', status: 'expiring_soon' }).map((row) => row.id)).toEqual([7, 3]);
    // The status filter is for the open list only.
    expect(exceptionRows(records, { tab: 'history', status: 'expired' }).map((row) => row.id)).toEqual([5, 4]);
  });

  it('searches scope, owner and id', () => {
    expect(exceptionRows(records, { tab: 'open', search: 'cve-2026' }).map((row) => row.id)).toEqual([6]);
    expect(exceptionRows(records, { tab: 'open', search: 'bob' }).map((row) => row.id)).toEqual([7]);
    expect(matchesSearch(records[0]!, '#1')).toBe(true);
    expect(matchesSearch(records[0]!, '  ')).toBe(true);
  });
});

describe('renewalChain', () => {
  it('walks both ways, oldest first', () => {
    expect(renewalChain(records, 6).map((row) => row.id)).toEqual([5, 6]);
    expect(renewalChain(records, 5).map((row) => row.id)).toEqual([5, 6]);
  });

  it('is the entry alone without renewals, and empty for an unknown id', () => {
    expect(renewalChain(records, 1).map((row) => row.id)).toEqual([1]);
    expect(renewalChain(records, 99)).toEqual([]);
  });

  it('stops at a missing link and never loops', () => {
    const broken = [makeException({ id: 1, renewsId: 40, renewedById: 2 }), makeException({ id: 2, renewsId: 1, renewedById: 1 })];
    expect(renewalChain(broken, 1).map((row) => row.id)).toEqual([1, 2]);
  });
});

describe('statusesOutdated', () => {
  const now = Date.parse('2026-11-02T09:00:00Z');

  it('is false while every status still holds', () => {
    expect(statusesOutdated(records, now)).toBe(false);
  });

  it('notices an entry that expired, reached its warning or started since it was read', () => {
    expect(statusesOutdated([makeException({ id: 1, status: 'expiring_soon', expiresAt: '2026-11-02T08:59:00.000Z' })], now)).toBe(true);
    expect(statusesOutdated([makeException({ id: 1, status: 'active', expiresAt: '2026-11-16T09:00:00.000Z' })], now)).toBe(true);
    expect(statusesOutdated([makeException({ id: 1, status: 'scheduled', startsAt: '2026-11-02T00:00:00.000Z' })], now)).toBe(true);
    expect(statusesOutdated([makeException({ id: 1, status: 'expired', expiresAt: '2026-10-01T00:00:00.000Z' })], now)).toBe(false);
  });
});
