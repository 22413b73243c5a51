import type { Asset, DeviceType, OsFamily } from '../../../../shared/contract';
import { parseIpv4 } from '../../../../shared/domain/network-targets';
import type { SortState } from '../../components/data-grid/grid-types';

/** The quick search and the three filters of the asset table. */
export interface AssetFilters {
  search: string;
  deviceType: DeviceType | 'any';
  osFamily: OsFamily | 'any';
  tier: 'any' | 'unclassified' | '1' | '2' | '3' | '4';
}

/** No filter at all. */
export const NO_FILTERS: AssetFilters = { search: '', deviceType: 'any', osFamily: 'any', tier: 'any' };

/** True when any filter or the search narrows the list. */
export function hasFilters(filters: AssetFilters): boolean {
  return filters.search.trim() !== '' || filters.deviceType !== 'any' || filters.osFamily !== 'any' || filters.tier !== 'any';
}

// Assets are immutable snapshots from the cache, so per-object memos stay valid until a refetch.
const searchText = new WeakMap<Asset, string>();

/** Everything the quick search looks at, lower-cased once per asset. */
export function searchableText(asset: Asset): string {
  let text = searchText.get(asset);
  if (text === undefined) {
    text = [asset.hostname, asset.addresses.join(' '), asset.mac, asset.owner, asset.tags.join(' '), asset.osName, asset.osFamily, asset.osVersion]
      .join(' ')
      .toLowerCase();
    searchText.set(asset, text);
  }
  return text;
}

/** Applies search (every word must match somewhere) and filters. */
export function filterAssets(assets: readonly Asset[], filters: AssetFilters): Asset[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  const tier = filters.tier;
  return assets.filter((asset) => {
    if (filters.deviceType !== 'any' && asset.deviceType !== filters.deviceType) return false;
    if (filters.osFamily !== 'any' && asset.osFamily !== filters.osFamily) return false;
    if (tier === 'unclassified' && asset.tier !== null) return false;
    if (tier !== 'any' && tier !== 'unclassified' && asset.tier !== Number(tier)) return false;
    if (words.length === 0) return true;
    const text = searchableText(asset);
    return words.every((word) => text.includes(word));
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The sortable columns of the asset table. */
export type AssetSortColumn = 'hostname' | 'addresses' | 'os' | 'deviceType' | 'tier' | 'owner' | 'location' | 'lastSeen' | 'status';

type Key = string | number | null;

function sortKey(asset: Asset, column: string): Key {
  switch (column) {
    case 'hostname':
      return asset.hostname || null;
    case 'addresses':
      return firstAddressValue(asset);
    case 'os':
      return asset.osName || (asset.osFamily === 'unknown' ? null : asset.osFamily);
    case 'deviceType':
      return asset.deviceType === 'unknown' ? null : asset.deviceType;
    case 'tier':
      return asset.tier;
    case 'owner':
      return asset.owner || null;
    case 'location':
      return asset.location || null;
    case 'lastSeen':
      return asset.lastSeenAt ? Date.parse(asset.lastSeenAt) : null;
    case 'status':
      return `${asset.status}${asset.stale ? ' stale' : ''}`;
    default:
      return null;
  }
}

/** The numeric value of an asset's first IPv4 address, for sorting addresses in network order. */
export function firstAddressValue(asset: Asset): number | null {
  const first = asset.addresses[0];
  return first === undefined ? null : parseIpv4(first);
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Sorts by a column. Empty values always go last whichever the direction, because an admin
 * sorting by owner wants to see owners, not a screen of blanks. Ties fall back to address order.
 */
export function sortAssets(assets: readonly Asset[], sort: SortState | null): Asset[] {
  const column = sort?.column ?? 'addresses';
  const direction = sort?.direction === 'desc' ? -1 : 1;
  const keyed = assets.map((asset) => ({ asset, key: sortKey(asset, column), address: firstAddressValue(asset) ?? Number.MAX_SAFE_INTEGER }));
  keyed.sort((left, right) => {
    if (left.key === null && right.key !== null) return 1;
    if (right.key === null && left.key !== null) return -1;
    if (left.key !== null && right.key !== null) {
      const order = compareKeys(left.key, right.key);
      if (order !== 0) return order * direction;
    }
    return left.address - right.address || left.asset.id - right.asset.id;
  });
  return keyed.map((entry) => entry.asset);
}
