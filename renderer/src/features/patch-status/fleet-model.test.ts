import { describe, expect, it } from 'vitest';
import type { AssetPatchStatus } from '../../../../shared/contract';
import { countStates, filterFleet, sortFleet, statesOf } from './fleet-model';

const row = (over: Partial<AssetPatchStatus>): AssetPatchStatus => ({
  assetId: 1,
  hostname: 'web1',
  address: '10.0.0.1',
  tier: 2,
  state: 'up_to_date',
  osName: 'Debian GNU/Linux',
  osVersion: '12',
  endOfLife: null,
  pendingCount: 0,
  securityCount: 0,
  rebootRequired: false,
  oldestSecurityAgeDays: null,
  lastCollectedAt: '2026-11-20T10:00:00.000Z',
  lastSuccessAt: '2026-11-20T10:00:00.000Z',
  lastError: null,
  ...over,
});

const fleet = [
  row({ assetId: 1, hostname: 'web1', state: 'security_pending', pendingCount: 5, securityCount: 2, rebootRequired: true, oldestSecurityAgeDays: 12 }),
  row({ assetId: 2, hostname: 'db1', address: '10.0.0.20', state: 'security_pending', pendingCount: 3, securityCount: 1, oldestSecurityAgeDays: 40 }),
  row({ assetId: 3, hostname: 'files', address: '10.0.0.3', state: 'never_collected', lastCollectedAt: null, lastSuccessAt: null }),
  row({ assetId: 4, hostname: 'old', address: '10.0.0.100', state: 'unreachable', lastError: { code: 'auth_failed', message: 'Permission denied', at: '2026-11-21T00:00:00.000Z' } }),
  row({ assetId: 5, hostname: 'ok', address: '10.0.0.9' }),
];

describe('statesOf', () => {
  it('puts a host in every bucket it belongs to, like the host counts', () => {
    expect(statesOf(fleet[0]!).sort()).toEqual(['reboot_pending', 'security_pending', 'updates_pending']);
    expect(statesOf(fleet[2]!)).toEqual(['never_collected']);
    expect(statesOf(row({ endOfLife: { date: '2024-06-30', unsupported: true, source: 'table' } }))).toContain('unsupported_os');
  });

  it('counts overlapping buckets', () => {
    expect(countStates(fleet)).toMatchObject({ security_pending: 2, reboot_pending: 1, updates_pending: 2, never_collected: 1, unreachable: 1, up_to_date: 1 });
  });
});

describe('filterFleet', () => {
  it('filters by bucket, including overlaps, and by search text', () => {
    expect(filterFleet(fleet, 'reboot_pending', '').map((r) => r.assetId)).toEqual([1]);
    expect(filterFleet(fleet, 'all', 'AUTH_failed').map((r) => r.assetId)).toEqual([4]);
    expect(filterFleet(fleet, 'all', '10.0.0.2').map((r) => r.assetId)).toEqual([2]);
    // A risk tier ("tier 2") and a tag find their hosts.
    const tiered = fleet.map((row, index) => ({ ...row, tier: index === 1 ? 2 : null }));
    expect(filterFleet(tiered, 'all', 'Tier 2').map((r) => r.assetId)).toEqual([tiered[1]?.assetId]);
    expect(filterFleet(fleet, 'all', 'dmz', (assetId) => (assetId === 3 ? ['DMZ', 'web'] : [])).map((r) => r.assetId)).toEqual([3]);
  });
});

describe('sortFleet', () => {
  it('defaults to the most urgent state, then the oldest security fix', () => {
    expect(sortFleet(fleet, null).map((r) => r.assetId)).toEqual([4, 2, 1, 3, 5]);
  });

  it('sorts addresses numerically and keeps empty values last both ways', () => {
    expect(sortFleet(fleet, { column: 'address', direction: 'asc' }).map((r) => r.address)).toEqual(['10.0.0.1', '10.0.0.3', '10.0.0.9', '10.0.0.20', '10.0.0.100']);
    expect(sortFleet(fleet, { column: 'oldest', direction: 'desc' }).map((r) => r.assetId)).toEqual([2, 1, 3, 5, 4]);
    expect(sortFleet(fleet, { column: 'pending', direction: 'asc' }).at(-1)!.assetId).toBe(3);
  });

  it('sorts by overdue and excepted fixes, never-collected and unknown counts last', () => {
    const withSla = [
      row({ assetId: 1, hostname: 'a', overdue: 2, excepted: 0 }),
      row({ assetId: 2, hostname: 'b', overdue: 7, excepted: 1 }),
      row({ assetId: 3, hostname: 'c', state: 'never_collected', lastSuccessAt: null, overdue: 0, excepted: 0 }),
      row({ assetId: 4, hostname: 'd' }),
      row({ assetId: 5, hostname: 'e', overdue: 0, excepted: 3 }),
    ];
    expect(sortFleet(withSla, { column: 'overdue', direction: 'desc' }).map((r) => r.assetId)).toEqual([2, 1, 5, 3, 4]);
    expect(sortFleet(withSla, { column: 'overdue', direction: 'asc' }).map((r) => r.assetId)).toEqual([5, 1, 2, 3, 4]);
    expect(sortFleet(withSla, { column: 'excepted', direction: 'desc' }).map((r) => r.assetId)).toEqual([5, 2, 1, 3, 4]);
  });
});
