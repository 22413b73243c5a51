import { describe, expect, it } from 'vitest';
import type { AssetRing } from '../../../../shared/contract';
import { assetsToMove, filterRings, ringCounts, toggleAllVisible, toggleSelected } from './rings-model';

const row = (assetId: number, name: string, patch: Partial<AssetRing> = {}): AssetRing => ({ assetId, name, ring: 'broad', assigned: false, assetClass: 'os-and-apps', cadence: 'monthly', ...patch });
const rows = [row(1, 'web10'), row(2, 'web2', { ring: 'test', assigned: true }), row(3, 'esx01', { assetClass: 'hypervisor', cadence: 'quarterly', ring: 'pilot', assigned: true }), row(4, 'fw01', { assetClass: 'firmware', ring: 'broad', assigned: true })];

describe('rings table', () => {
  it('counts assets per ring, unassigned ones in broad', () => {
    expect(ringCounts(rows)).toEqual({ test: 1, pilot: 1, broad: 2 });
  });

  it('filters by ring and search, in natural name order', () => {
    expect(filterRings(rows, '', 'all').map((each) => each.name)).toEqual(['esx01', 'fw01', 'web2', 'web10']);
    expect(filterRings(rows, 'hyper', 'all').map((each) => each.name)).toEqual(['esx01']);
    expect(filterRings(rows, 'firmware', 'broad').map((each) => each.name)).toEqual(['fw01']);
    expect(filterRings(rows, '', 'test').map((each) => each.name)).toEqual(['web2']);
  });

  it('moves only the selected assets that change', () => {
    // web10 is in broad by default, fw01 explicitly: assigning broad pins web10 only.
    expect(assetsToMove(rows, new Set([1, 4]), 'broad')).toEqual([1]);
    expect(assetsToMove(rows, new Set([1, 2, 3]), 'test')).toEqual([1, 3]);
  });

  it('toggles one row or every visible row', () => {
    expect([...toggleSelected(new Set([1]), 2)]).toEqual([1, 2]);
    expect([...toggleSelected(new Set([1, 2]), 2)]).toEqual([1]);
    expect([...toggleAllVisible(new Set([9]), rows.slice(0, 2))].sort()).toEqual([1, 2, 9]);
    expect([...toggleAllVisible(new Set([1, 2, 9]), rows.slice(0, 2))]).toEqual([9]);
  });
});
