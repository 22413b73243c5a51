import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../shared/contract';
import { assetName, scopeCandidates, toggleAll } from './asset-scope-model';

const asset = (id: number, patch: Partial<Asset>) => ({ id, hostname: '', addresses: [], osName: '', role: '', tags: [], status: 'active', ...patch }) as unknown as Asset;
const assets = [asset(1, { hostname: 'web10', osName: 'Ubuntu' }), asset(2, { hostname: 'web2', tags: ['exchange'] }), asset(3, { addresses: ['10.0.0.9'] }), asset(4, { hostname: 'old', status: 'retired' }), asset(5, { hostname: 'new', status: 'unreviewed' })];

describe('emergency asset scope', () => {
  it('names assets by hostname, then address, then id', () => {
    expect(assetName(asset(1, { hostname: 'dc01', addresses: ['10.0.0.1'] }))).toBe('dc01');
    expect(assetName(asset(1, { addresses: ['10.0.0.1'] }))).toBe('10.0.0.1');
    expect(assetName(asset(7, {}))).toBe('asset #7');
  });

  it('offers active assets only, searchable and in natural order', () => {
    expect(scopeCandidates(assets, '').map((each) => each.id)).toEqual([3, 2, 1]);
    expect(scopeCandidates(assets, 'ubuntu').map((each) => each.id)).toEqual([1]);
    expect(scopeCandidates(assets, 'EXCH').map((each) => each.id)).toEqual([2]);
    expect(scopeCandidates(assets, 'old')).toEqual([]);
  });

  it('selects or clears every listed asset', () => {
    expect(toggleAll([9], assets.slice(0, 2)).sort()).toEqual([1, 2, 9]);
    expect(toggleAll([1, 2, 9], assets.slice(0, 2))).toEqual([9]);
  });
});
