/** The emergency cycle's asset picker: which assets it offers, and how it names them. */
import type { Asset } from '../../../../shared/contract';

/** A host's name for lists: hostname, else first address, else its id. */
export function assetName(asset: Pick<Asset, 'id' | 'hostname' | 'addresses'>): string {
  return asset.hostname || asset.addresses[0] || `asset #${asset.id}`;
}

/**
 * Active assets matching a search over hostname, addresses, OS, role and tags, by name. Only
 * active assets are offered: the host scopes cycles to the inventory, not to found or retired hosts.
 */
export function scopeCandidates(assets: readonly Asset[], search: string): Asset[] {
  const needle = search.trim().toLowerCase();
  return assets
    .filter((asset) => asset.status === 'active')
    .filter((asset) => !needle || [asset.hostname, ...asset.addresses, asset.osName, asset.role, ...asset.tags].join(' ').toLowerCase().includes(needle))
    .sort((a, b) => assetName(a).localeCompare(assetName(b), undefined, { numeric: true }) || a.id - b.id);
}

/** Adds every listed asset to the selection, or removes them all when all are already in it. */
export function toggleAll(selected: readonly number[], listed: readonly Pick<Asset, 'id'>[]): number[] {
  const set = new Set(selected);
  const all = listed.length > 0 && listed.every((asset) => set.has(asset.id));
  for (const asset of listed) {
    if (all) set.delete(asset.id);
    else set.add(asset.id);
  }
  return [...set];
}
