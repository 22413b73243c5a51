import type { Asset } from '../../../../shared/contract';

/** A complete asset for tests, with the given fields changed. */
export function makeAsset(overrides: Partial<Asset> & { id: number }): Asset {
  return {
    siteId: 1,
    hostname: '',
    addresses: [],
    mac: '',
    osFamily: 'unknown',
    osName: '',
    osVersion: '',
    deviceType: 'unknown',
    role: '',
    owner: '',
    department: '',
    location: '',
    tags: [],
    access: { method: 'none', port: null, username: '' },
    notes: '',
    status: 'active',
    source: 'manual',
    stale: false,
    missedScans: 0,
    firstSeenAt: null,
    lastSeenAt: null,
    openPorts: [],
    evidence: [],
    classification: null,
    computedTier: null,
    tierOverride: null,
    tier: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
