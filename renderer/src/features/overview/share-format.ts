/**
 * Shares (fractions 0-1 from the compliance summary) as the dashboard writes them: the shared
 * format of every surface, and the chart helpers. A share is null when there was nothing to
 * divide: "not measured" for patched shares, "—" otherwise, never "0 %".
 */

/** The one share format of every surface (shared/domain/share-format.ts). */
export { formatPatchedShare, formatShare } from '../../../../shared/domain/share-format';

/** A share as a percent number for a chart axis (0-100, one decimal), or null when unknown. */
export function sharePercent(share: number | null | undefined): number | null {
  if (share === null || share === undefined || !Number.isFinite(share)) return null;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** A percent value of a chart (0-100) for its axis ticks and tooltips: "87%"; "—" when missing. */
export function formatPercentValue(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value)}%` : '—';
}
