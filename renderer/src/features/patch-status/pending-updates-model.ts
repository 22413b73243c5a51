import type { AssetPatchDetail } from '../../../../shared/contract';

/** One pending update row of the asset detail. */
export type PendingRow = AssetPatchDetail['pending'][number];
/** One installed package of the asset detail. */
export type InstalledRow = AssetPatchDetail['installed'][number];

const SECURITY_RANK = (security: boolean | null) => (security === true ? 0 : security === null ? 1 : 2);

/**
 * Security fixes first, oldest first: the oldest missing security fix is what an insurer or
 * auditor asks about. Updates whose source cannot tell (null) come before plain updates, since
 * they may be security fixes.
 */
export function sortPending(rows: readonly PendingRow[]): PendingRow[] {
  return [...rows].sort((a, b) => SECURITY_RANK(a.security) - SECURITY_RANK(b.security) || b.ageDays - a.ageDays || a.name.localeCompare(b.name));
}

/** Installed packages whose name, version or source package matches the search, by name. */
export function filterInstalled(rows: readonly InstalledRow[], search: string): InstalledRow[] {
  const needle = search.trim().toLowerCase();
  const matching = needle ? rows.filter((row) => `${row.name} ${row.version} ${row.sourceName ?? ''} ${row.arch}`.toLowerCase().includes(needle)) : [...rows];
  return matching.sort((a, b) => a.name.localeCompare(b.name) || a.arch.localeCompare(b.arch));
}

/** An age in whole days for a table cell: "0 d" reads oddly, so the first day is "today". */
export function formatAgeDays(days: number | null): string {
  if (days === null) return '—';
  const whole = Math.floor(days);
  return whole < 1 ? 'today' : `${whole} d`;
}
