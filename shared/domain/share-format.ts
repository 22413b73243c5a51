/**
 * How every surface writes a share (a fraction 0-1): the dashboard, the Evidence preview, the
 * PDF, the CLI. One rule, so the same figure reads the same everywhere: a percent with one
 * decimal ("81.8%"), never rounded to 100.0% or 0.0% unless exactly so (">99.9%", "<0.1%": an
 * insurer reads "100% patched" as a promise). A null share had nothing to divide: patched shares
 * then say "not measured" (no measured asset), others a dash.
 */

/** What a patched share with no measured asset prints as. */
export const NOT_MEASURED = 'not measured';

/** A share as a percent with one decimal; `none` when null or not a number. */
export function formatShare(share: number | null | undefined, none = '—'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return none;
  const percent = Math.min(1, Math.max(0, share)) * 100;
  if (percent > 0 && percent < 0.05) return '<0.1%';
  if (percent > 99.95 && percent < 100) return '>99.9%';
  return `${(Math.round(percent * 10) / 10).toFixed(1)}%`;
}

/** A fully-patched or security-patched share: "not measured" when no asset was measured. */
export function formatPatchedShare(share: number | null | undefined): string {
  return formatShare(share, NOT_MEASURED);
}
