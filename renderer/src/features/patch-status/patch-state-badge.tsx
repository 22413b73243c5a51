import type { AssetPatchStatus, PatchState } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { PATCH_STATE_HINTS, PATCH_STATE_LABELS, PATCH_STATE_TONES } from './patch-status-labels';
import { osLabel } from '../../../../shared/domain/os-label';

/** A host's most urgent bucket as a coloured label. */
export function PatchStateBadge({ state }: { state: PatchState }) {
  return (
    <Badge tone={PATCH_STATE_TONES[state]} title={PATCH_STATE_HINTS[state]} testId="patch-state">
      {PATCH_STATE_LABELS[state]}
    </Badge>
  );
}

/**
 * The OS with its end-of-life standing: a red badge once support ended, an amber one within six
 * months of it, nothing when the date is unknown (no guessing about support the admin relies on).
 * `stacked` puts the standing under the name, as plain coloured text, for a narrow table cell.
 */
export function OsWithEol({ status, now = Date.now(), stacked = false }: { status: Pick<AssetPatchStatus, 'osName' | 'osVersion' | 'endOfLife'>; now?: number; stacked?: boolean }) {
  const os = osLabel(status.osName, status.osVersion);
  const eol = status.endOfLife;
  const eolTime = eol?.date ? Date.parse(eol.date) : NaN;
  const soon = !eol?.unsupported && Number.isFinite(eolTime) && eolTime - now < 183 * 86_400_000;
  return (
    <span className={stacked ? 'asset-two-line os-cell--stacked' : 'os-cell'}>
      <span className="truncate" title={os || undefined}>{os || <span className="muted">unknown</span>}</span>
      {eol?.unsupported ? (
        <Badge tone="danger" title={`End of life ${eol.date ?? ''} (${eol.source})${eol.osSource === 'inventory' ? ', OS from inventory: no collection has confirmed it yet' : ''}`.trim()} testId="eol-badge">
          EOL{eol.date ? ` ${eol.date.slice(0, 7)}` : ''}
          {eol.osSource === 'inventory' ? ' (from inventory)' : ''}
        </Badge>
      ) : soon ? (
        <Badge tone="warning" title={`Support ends ${eol?.date} (${eol?.source})`} testId="eol-badge">
          EOL {eol?.date?.slice(0, 7)}
        </Badge>
      ) : null}
    </span>
  );
}
