import { describe, expect, it } from 'vitest';
import { countViews } from './asset-views';
import { makeAsset } from './asset-fixtures.test-helper';
import { filterAssets, NO_FILTERS, sortAssets } from './asset-table-model';

const assets = [
  makeAsset({ id: 1, hostname: 'db01', addresses: ['10.0.0.20'], osFamily: 'linux', osName: 'Ubuntu 24.04', deviceType: 'server', tier: 1, owner: 'Anna', tags: ['pci'] }),
  makeAsset({ id: 2, hostname: 'PC-Reception', addresses: ['10.0.0.9'], osFamily: 'windows', osName: 'Windows 11', deviceType: 'workstation', mac: 'aa:bb:cc:dd:ee:01' }),
  makeAsset({ id: 3, hostname: '', addresses: ['10.0.0.100'], deviceType: 'printer', tier: 3, status: 'unreviewed' }),
  makeAsset({ id: 4, hostname: 'nas', addresses: [], status: 'retired', stale: true }),
  makeAsset({ id: 5, hostname: 'old-fw', addresses: ['10.0.0.1'], status: 'active', stale: true, tier: 2 }),
];

describe('filterAssets', () => {
  it('searches hostname, address, MAC, owner, tags and OS, all words must match', () => {
    const ids = (search: string) => filterAssets(assets, { ...NO_FILTERS, search }).map((asset) => asset.id);
    expect(ids('db01')).toEqual([1]);
    expect(ids('10.0.0.9')).toEqual([2]);
    expect(ids('ee:01')).toEqual([2]);
    expect(ids('anna')).toEqual([1]);
    expect(ids('PCI')).toEqual([1]);
    expect(ids('windows')).toEqual([2]);
    expect(ids('ubuntu anna')).toEqual([1]);
    expect(ids('ubuntu bob')).toEqual([]);
  });

  it('filters by device type, OS family and tier, including unclassified', () => {
    expect(filterAssets(assets, { ...NO_FILTERS, deviceType: 'printer' }).map((a) => a.id)).toEqual([3]);
    expect(filterAssets(assets, { ...NO_FILTERS, osFamily: 'linux' }).map((a) => a.id)).toEqual([1]);
    expect(filterAssets(assets, { ...NO_FILTERS, tier: 'unclassified' }).map((a) => a.id)).toEqual([2, 4]);
    expect(filterAssets(assets, { ...NO_FILTERS, tier: '3' }).map((a) => a.id)).toEqual([3]);
  });
});

describe('sortAssets', () => {
  it('sorts addresses numerically, not as text', () => {
    expect(sortAssets(assets, { column: 'addresses', direction: 'asc' }).map((a) => a.id)).toEqual([5, 2, 1, 3, 4]);
  });

  it('keeps blanks last in both directions', () => {
    expect(sortAssets(assets, { column: 'hostname', direction: 'asc' }).map((a) => a.id)).toEqual([1, 4, 5, 2, 3]);
    expect(sortAssets(assets, { column: 'hostname', direction: 'desc' }).map((a) => a.id)).toEqual([2, 5, 4, 1, 3]);
  });

  it('sorts tiers with unclassified last', () => {
    expect(sortAssets(assets, { column: 'tier', direction: 'asc' }).map((a) => a.id)).toEqual([1, 5, 3, 2, 4]);
  });

  // Counted work rather than elapsed time, which depends on how busy the machine is: each asset is
  // read a fixed number of times (keyed once), not once per comparison.
  it('filters and sorts 10,000 assets reading each a bounded number of times', () => {
    let reads = 0;
    const count = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(object, property, receiver) {
          reads++;
          return Reflect.get(object, property, receiver) as unknown;
        },
      });
    const many = Array.from({ length: 10_000 }, (_, index) =>
      count(makeAsset({ id: index + 1, hostname: `host-${(index * 7919) % 10_000}`, addresses: [`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`] })),
    );
    const sorted = sortAssets(filterAssets(many, { ...NO_FILTERS, search: 'host' }), { column: 'hostname', direction: 'asc' });
    expect(sorted).toHaveLength(10_000);
    expect(reads).toBeLessThan(many.length * 20);
  });
});

describe('countViews', () => {
  it('counts each list, stale across active and unreviewed', () => {
    expect(countViews(assets)).toEqual({ active: 3, unreviewed: 1, stale: 1, dismissed: 0, retired: 1 });
  });
});
