import type { Asset } from '../../../../shared/contract';
import { INVENTORY_VIEWS, type InventoryView } from '../shell/route';

/** What each inventory list is, in the words the admin sees. */
export const VIEW_DEFINITIONS: Record<InventoryView, { label: string; description: string; matches: (asset: Asset) => boolean }> = {
  active: {
    label: 'All active',
    description: 'Everything in your inventory.',
    matches: (asset) => asset.status === 'active',
  },
  unreviewed: {
    label: 'Unreviewed',
    description: 'Found on the network, not in your inventory. Accept what you manage; dismiss the rest.',
    matches: (asset) => asset.status === 'unreviewed',
  },
  stale: {
    label: 'Stale',
    description: 'Missed several scans in a row. Retire what is gone; check what should still be there.',
    matches: (asset) => asset.stale && (asset.status === 'active' || asset.status === 'unreviewed'),
  },
  dismissed: {
    label: 'Dismissed',
    description: 'Found, but not yours to manage. Kept so scans do not raise them again.',
    matches: (asset) => asset.status === 'dismissed',
  },
  retired: {
    label: 'Retired',
    description: 'Decommissioned. Kept for the history.',
    matches: (asset) => asset.status === 'retired',
  },
};

/** How many assets each list holds. */
export function countViews(assets: readonly Asset[]): Record<InventoryView, number> {
  const counts = Object.fromEntries(INVENTORY_VIEWS.map((view) => [view, 0])) as Record<InventoryView, number>;
  for (const asset of assets) {
    for (const view of INVENTORY_VIEWS) if (VIEW_DEFINITIONS[view].matches(asset)) counts[view] += 1;
  }
  return counts;
}

/** The assets of one list. */
export function assetsInView(assets: readonly Asset[], view: InventoryView): Asset[] {
  return assets.filter(VIEW_DEFINITIONS[view].matches);
}
