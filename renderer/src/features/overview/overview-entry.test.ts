import { describe, expect, it } from 'vitest';
import type { AssetPatchStatus, FleetStatus } from '../../../../shared/contract';
import { landingScreen, overviewRailStatus } from './overview-entry';

const row = (patch: Partial<AssetPatchStatus>): AssetPatchStatus => ({
  assetId: 1,
  hostname: 'web1',
  address: '10.0.0.1',
  tier: 2,
  state: 'up_to_date',
  osName: 'Debian',
  osVersion: '12',
  endOfLife: null,
  pendingCount: 0,
  securityCount: 0,
  rebootRequired: false,
  oldestSecurityAgeDays: null,
  lastCollectedAt: '2026-11-20T10:00:00.000Z',
  lastSuccessAt: '2026-11-20T10:00:00.000Z',
  lastError: null,
  overdue: 0,
  excepted: 0,
  ...patch,
});
const fleet = (assets: AssetPatchStatus[]): FleetStatus => ({ siteId: 1, counts: {}, assets }) as unknown as FleetStatus;

describe('landingScreen', () => {
  it('opens the overview once the site has an active asset', () => {
    expect(landingScreen([{ status: 'unreviewed' }, { status: 'active' }])).toBe('overview');
  });

  it('keeps the first-run path for a site without active assets', () => {
    expect(landingScreen([])).toBe('first-run');
    expect(landingScreen([{ status: 'unreviewed' }, { status: 'dismissed' }, { status: 'retired' }])).toBe('first-run');
  });
});

describe('overviewRailStatus', () => {
  it('says nothing until the fleet is read', () => {
    expect(overviewRailStatus(undefined)).toBe('');
  });

  it('points to what is missing first', () => {
    expect(overviewRailStatus(fleet([]))).toBe('Needs an inventory');
    expect(overviewRailStatus(fleet([row({ state: 'never_collected', lastSuccessAt: null })]))).toBe('Not collected yet');
  });

  it('counts fixes past SLA, else says all are within', () => {
    expect(overviewRailStatus(fleet([row({ overdue: 3 }), row({ assetId: 2, overdue: 1 })]))).toBe('4 fixes past SLA');
    expect(overviewRailStatus(fleet([row({ overdue: 1 })]))).toBe('1 fix past SLA');
    expect(overviewRailStatus(fleet([row({ excepted: 2 })]))).toBe('Within SLA, 2 fixes excepted');
    expect(overviewRailStatus(fleet([row({}), row({ assetId: 2, overdue: undefined })]))).toBe('All within SLA');
  });

  it('never says all within SLA while hosts are not measured', () => {
    const never = row({ assetId: 3, state: 'never_collected', lastSuccessAt: null, notMeasured: { reason: 'never_collected', lastSuccessAt: null, staleSince: null, failure: null } });
    expect(overviewRailStatus(fleet([row({ notMeasured: null }), never]))).toBe('1 of 2 not measured');
    expect(overviewRailStatus(fleet([row({ notMeasured: null, overdue: 2 }), never]))).toBe('2 fixes past SLA, 1 of 2 not measured');
  });
});
