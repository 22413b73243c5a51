import { describe, expect, it } from 'vitest';
import { makeAsset } from '../inventory/asset-fixtures.test-helper';
import { assetLabel, matchAssets } from './asset-picker-model';

const assets = [
  makeAsset({ id: 1, hostname: 'web10', addresses: ['10.0.0.10'], status: 'active' }),
  makeAsset({ id: 2, hostname: 'web2', addresses: ['10.0.0.2'], status: 'active' }),
  makeAsset({ id: 3, hostname: '', addresses: ['10.0.0.3'], status: 'active', osName: 'Windows Server 2019' }),
  makeAsset({ id: 4, hostname: 'old', addresses: ['10.0.0.4'], status: 'retired' }),
  makeAsset({ id: 5, hostname: 'new', addresses: ['10.0.0.5'], status: 'unreviewed' }),
];

describe('asset picker', () => {
  it('names a host by hostname, address or id', () => {
    expect(assetLabel(assets[0]!)).toBe('web10');
    expect(assetLabel(assets[2]!)).toBe('10.0.0.3');
    expect(assetLabel({ id: 9, hostname: '', addresses: [] })).toBe('asset #9');
  });

  it('offers only active assets, in natural name order', () => {
    expect(matchAssets(assets, '').map((asset) => asset.id)).toEqual([3, 2, 1]);
  });

  it('searches hostname, address and OS', () => {
    expect(matchAssets(assets, 'WEB').map((asset) => asset.id)).toEqual([2, 1]);
    expect(matchAssets(assets, '10.0.0.1').map((asset) => asset.id)).toEqual([1]);
    expect(matchAssets(assets, 'server 2019').map((asset) => asset.id)).toEqual([3]);
    expect(matchAssets(assets, 'old')).toEqual([]);
  });
});
