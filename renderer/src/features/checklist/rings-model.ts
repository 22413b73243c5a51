/** The rings table: counts per ring, search and filter, and which selected assets a bulk change moves. */
import type { AssetRing } from '../../../../shared/contract';
import { RINGS, type Ring } from '../../../../shared/domain/cycles/rings';
import { ASSET_CLASS_LABELS } from './checklist-labels';

/** Assets per ring (unassigned assets count in broad, where they are patched). */
export function ringCounts(rows: readonly Pick<AssetRing, 'ring'>[]): Record<Ring, number> {
  const counts = Object.fromEntries(RINGS.map((ring) => [ring, 0])) as Record<Ring, number>;
  for (const row of rows) counts[row.ring] += 1;
  return counts;
}

/** The ring filter: one ring, or every asset. */
export type RingFilter = Ring | 'all';

/** Rows matching a search (name, class) and a ring, by name. */
export function filterRings(rows: readonly AssetRing[], search: string, ring: RingFilter): AssetRing[] {
  const needle = search.trim().toLowerCase();
  return rows
    .filter((row) => ring === 'all' || row.ring === ring)
    .filter((row) => !needle || `${row.name} ${ASSET_CLASS_LABELS[row.assetClass]} ${row.assetClass}`.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }) || a.assetId - b.assetId);
}

/** The selected assets a bulk change would actually move (already in that ring, and assigned: no change). */
export function assetsToMove(rows: readonly AssetRing[], selected: ReadonlySet<number>, ring: Ring): number[] {
  return rows.filter((row) => selected.has(row.assetId) && !(row.ring === ring && row.assigned)).map((row) => row.assetId);
}

/** Toggles one id in a selection. */
export function toggleSelected(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Selects every visible row, or clears them when all are already selected. */
export function toggleAllVisible(selected: ReadonlySet<number>, visible: readonly Pick<AssetRing, 'assetId'>[]): Set<number> {
  const next = new Set(selected);
  const all = visible.length > 0 && visible.every((row) => next.has(row.assetId));
  for (const row of visible) {
    if (all) next.delete(row.assetId);
    else next.add(row.assetId);
  }
  return next;
}
