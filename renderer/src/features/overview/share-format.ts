/**
 * Shares (fractions 0-1 from the compliance summary) as the dashboard writes them. A share is
 * null when there was nothing to divide (no assets, no missing fixes): that is "—", never "0 %",
 * because nothing measured is not the same as nothing compliant.
 */

/** A share as a whole percent: "87%". Never rounds to 0% or 100% unless exactly so ("<1%", ">99%"). */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const clamped = Math.min(1, Math.max(0, share));
  const percent = clamped * 100;
  // An insurer reads "100% patched" as a promise; a fleet one fix short of it must not say so.
  if (percent > 0 && percent < 1) return '<1%';
  if (percent > 99 && percent < 100) return '>99%';
  return `${Math.round(percent)}%`;
}

/** A share as a percent number for a chart axis (0-100, one decimal), or null when unknown. */
export function sharePercent(share: number | null | undefined): number | null {
  if (share === null || share === undefined || !Number.isFinite(share)) return null;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** A percent value of a chart (0-100) for its axis ticks and tooltips: "87%"; "—" when missing. */
export function formatPercentValue(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value)}%` : '—';
}
