/**
 * Which assets a cycle covers, in which ring, and whether each is due under its cadence; and what
 * the patch-status collections made during the cycle say about them (the verification rescan).
 */
import type { Asset } from '../../../shared/contract/assets';
import type { AssetRing, CycleScopeAsset, RescanSummary } from '../../../shared/contract/cycles';
import { assetClassOf, isDueInMonth } from '../../../shared/domain/cycles/cadence';
import { DEFAULT_RING, RINGS, type Ring } from '../../../shared/domain/cycles/rings';
import { parseYearMonth } from '../../../shared/domain/cycles/year-month';
import type { CollectionActivity, StoredCycle } from '../../db/repositories/cycles.repository';
import type { ResolvedCycleSettings } from './cycle-settings';

/** How an asset is named in lists: its hostname, else its first address, else its id. */
export function assetName(asset: Asset): string {
  return asset.hostname || asset.addresses[0] || `asset ${asset.id}`;
}

/** Each asset's ring (broad when unassigned), class and cadence, in rollout order (test, pilot, broad), then by name. */
export function assetRingsView(assets: readonly Asset[], rings: ReadonlyMap<number, Ring>, settings: ResolvedCycleSettings): AssetRing[] {
  return assets
    .map((asset) => {
      const assetClass = assetClassOf(asset);
      const ring = rings.get(asset.id);
      return { assetId: asset.id, name: assetName(asset), ring: ring ?? DEFAULT_RING, assigned: ring !== undefined, assetClass, cadence: settings.cadences[assetClass] };
    })
    .sort((a, b) => RINGS.indexOf(a.ring) - RINGS.indexOf(b.ring) || a.name.localeCompare(b.name, 'en', { numeric: true }) || a.assetId - b.assetId);
}

/**
 * The assets a cycle covers. Baseline: the site's active assets, due when their cadence falls in
 * the cycle's month. Emergency: the assets it was opened for, or every active asset; all due.
 */
export function cycleScopeView(cycle: StoredCycle, siteAssets: readonly Asset[], rings: ReadonlyMap<number, Ring>, settings: ResolvedCycleSettings, emergencyAssetIds: readonly number[]): CycleScopeAsset[] {
  const named = new Set(emergencyAssetIds);
  const covered = cycle.kind === 'emergency' && named.size > 0 ? siteAssets.filter((asset) => named.has(asset.id)) : siteAssets.filter((asset) => asset.status === 'active');
  const month = cycle.month === null ? null : parseYearMonth(cycle.month);
  return assetRingsView(covered, rings, settings).map((asset) => ({
    assetId: asset.assetId,
    name: asset.name,
    assetClass: asset.assetClass,
    cadence: asset.cadence,
    ring: asset.ring,
    due: month === null || isDueInMonth(asset.cadence, month, settings.cadenceStartMonth),
  }));
}

/** What the collections in a cycle's period show, counted against the cycle's due assets. */
export function rescanSummary(period: { from: string; to: string | null }, activity: CollectionActivity, scope: readonly CycleScopeAsset[]): RescanSummary {
  let hostsCollected = 0;
  let lastCollectedAt: string | null = null;
  for (const seen of activity.assets.values()) {
    if (seen.ok) hostsCollected += 1;
    if (lastCollectedAt === null || Date.parse(seen.lastAt) > Date.parse(lastCollectedAt)) lastCollectedAt = seen.lastAt;
  }
  const due = scope.filter((asset) => asset.due);
  return {
    from: period.from,
    to: period.to,
    hostsCollected,
    hostsFailed: activity.assets.size - hostsCollected,
    dueHosts: due.length,
    dueHostsCollected: due.filter((asset) => activity.assets.get(asset.assetId)?.ok === true).length,
    lastCollectedAt: lastCollectedAt === null ? null : new Date(Date.parse(lastCollectedAt)).toISOString(),
    runs: activity.runs,
  };
}
