/** Which assets the exception form offers, and how it names them. */
import type { Asset } from '../../../../shared/contract';

/** A host's name for lists: hostname, else first address, else its id. */
export function assetLabel(asset: Pick<Asset, 'id' | 'hostname' | 'addresses'>): string {
  return asset.hostname || asset.addresses[0] || `asset #${asset.id}`;
}

/**
 * The active assets matching a search over hostname, addresses, OS and owner, by name. Only
 * active assets are offered: exceptions suppress breaches, and only active assets have any.
 */
export function matchAssets(assets: readonly Asset[], search: string): Asset[] {
  const needle = search.trim().toLowerCase();
  return assets
    .filter((asset) => asset.status === 'active')
    .filter((asset) => !needle || [asset.hostname, ...asset.addresses, asset.osName, asset.owner, asset.role].join(' ').toLowerCase().includes(needle))
    .sort((a, b) => assetLabel(a).localeCompare(assetLabel(b), undefined, { numeric: true }));
}
