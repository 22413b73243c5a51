import { describe, expect, it } from 'vitest';
import { makeAsset } from '../inventory/asset-fixtures.test-helper';
import { exposureSummary, filterTierList, sharedClassification, tierableAssets } from './tier-model';

const classified = { impact: 'high' as const, internetFacing: false, privilegedData: true, untrustedReachable: false };

describe('tier model', () => {
  const assets = [
    makeAsset({ id: 1, classification: classified, computedTier: 1, tier: 1 }),
    makeAsset({ id: 2, classification: classified, computedTier: 1, tier: 3, tierOverride: { tier: 3, reason: 'lab', by: 'me', at: '2026-11-22T10:00:00.000Z' } }),
    makeAsset({ id: 3 }),
    makeAsset({ id: 4, status: 'unreviewed' }),
  ];

  it('tiers only the active inventory and filters it', () => {
    const active = tierableAssets(assets);
    expect(active.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(filterTierList(active, 'unclassified').map((a) => a.id)).toEqual([3]);
    expect(filterTierList(active, 'overridden').map((a) => a.id)).toEqual([2]);
  });

  it('prefills only when every selected asset has the same answers', () => {
    expect(sharedClassification(assets.slice(0, 2))).toEqual(classified);
    expect(sharedClassification(assets.slice(0, 3))).toBeNull();
    expect(sharedClassification([])).toBeNull();
  });

  it('summarises exposure', () => {
    expect(exposureSummary(classified)).toBe('Privileged data');
    expect(exposureSummary({ ...classified, internetFacing: true })).toBe('Internet-facing');
    expect(exposureSummary(null)).toBe('');
  });
});
