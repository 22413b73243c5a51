import type { Asset } from '../../../../shared/contract';
import { IMPACT_LEVELS } from '../../../../shared/domain/risk-tier';
import type { SortState } from '../../components/data-grid/grid-types';
import { sortAssets } from '../inventory/asset-table-model';

function rank(asset: Asset, column: string): number | null {
  switch (column) {
    case 'impact':
      return asset.classification ? IMPACT_LEVELS.indexOf(asset.classification.impact) : null;
    case 'exposure':
      return asset.classification ? (asset.classification.internetFacing ? 0 : asset.classification.privilegedData || asset.classification.untrustedReachable ? 1 : 2) : null;
    case 'computed':
      return asset.computedTier;
    case 'override':
      return asset.tierOverride?.tier ?? null;
    default:
      return null;
  }
}

/** Sorts the tier list; tier-specific columns rank by severity, the rest sort like the inventory. */
export function sortTierList(assets: readonly Asset[], sort: SortState | null): Asset[] {
  if (!sort || !['impact', 'exposure', 'computed', 'override'].includes(sort.column)) return sortAssets(assets, sort ?? { column: 'tier', direction: 'asc' });
  const direction = sort.direction === 'desc' ? -1 : 1;
  const base = sortAssets(assets, null);
  const position = new Map(base.map((asset, index) => [asset.id, index]));
  return base.sort((a, b) => {
    const left = rank(a, sort.column);
    const right = rank(b, sort.column);
    if (left === null || right === null) return left === right ? position.get(a.id)! - position.get(b.id)! : left === null ? 1 : -1;
    return (left - right) * direction || position.get(a.id)! - position.get(b.id)!;
  });
}
