import { EPSS_LIKELY } from '../../../../shared/domain/intel/priority';
import type { AssetPatchStatus } from '../../../../shared/contract';
import type { Tier } from '../../../../shared/domain/risk-tier';
import type { GridColumn } from '../../components/data-grid/grid-types';
import { TierBadge } from '../../components/tier-badge';
import { RelativeTime, useSiteTimeZone } from '../../components/site-time';
import { formatCount, formatDateTime } from '../../lib/format';
import { KevBadge } from '../triage/kev-badge';
import { formatAgeDays } from './pending-updates-model';
import { OsWithEol, PatchStateBadge } from './patch-state-badge';
import { COLLECTION_ERROR_LABELS, notMeasuredText } from './patch-status-labels';
import { oldestSecurityNote } from './sla-labels';

const collected = (row: AssetPatchStatus) => row.state !== 'never_collected' && row.lastSuccessAt !== null;
const dash = <span className="muted">—</span>;

/** The last error in words, its code, and in the tooltip its message and site-zone time. */
function FleetErrorCell({ error }: { error: NonNullable<AssetPatchStatus['lastError']> }) {
  const timeZone = useSiteTimeZone();
  return (
    <span className="error-cell" title={`${error.code}: ${error.message} (${formatDateTime(error.at, timeZone)} ${timeZone})`} data-testid="fleet-error">
      <span className="text-danger">{COLLECTION_ERROR_LABELS[error.code]}</span>
      <span className="muted mono"> {error.code}</span>
    </span>
  );
}

/** Columns of the fleet overview: who, how urgent, what is missing and since when, and why a host failed. */
export function fleetColumns(timeZone: string, intel: ReadonlyMap<number, { kevFixes: number; epss: number | null; cves: number }> = new Map(), mappingPending: ReadonlySet<number> = new Set()): readonly GridColumn<AssetPatchStatus>[] {
  // A host with no successful collection says "not measured" and why, never a count of 0.
  const notMeasured = (row: AssetPatchStatus) => (
    <span className="text-warning" title={notMeasuredText(row, timeZone) ?? ''} data-testid="fleet-not-measured">
      not measured
    </span>
  );
  return [
  { id: 'hostname', header: 'Host', width: 'minmax(120px, 1.3fr)', render: (row) => <span className="cell-strong">{row.hostname || row.address || `asset ${row.assetId}`}</span> },
  // Its width is set from the rows shown (see addressTrack).
  { id: 'address', header: 'Address', width: '112px', render: (row) => <span className="mono" data-layout="ip">{row.address || '—'}</span> },
  { id: 'tier', header: 'Tier', width: '64px', render: (row) => <TierBadge tier={row.tier as Tier | null} compact /> },
  {
    id: 'state',
    header: 'State',
    width: '156px',
    render: (row) => (
      <span title={notMeasuredText(row, timeZone) ?? undefined} data-testid="fleet-state" data-not-measured={notMeasuredText(row, timeZone) ?? undefined}>
        <PatchStateBadge state={row.state} />
      </span>
    ),
  },
  // Wide enough for a name beside its end-of-life badge (rows have a fixed height: no wrapping).
  { id: 'os', header: 'OS', width: 'minmax(200px, 1.4fr)', render: (row) => <OsWithEol status={row} /> },
  { id: 'pending', header: 'Pending', width: '100px', align: 'end', render: (row) => (collected(row) ? formatCount(row.pendingCount) : notMeasured(row)) },
  {
    id: 'security',
    header: 'Security',
    width: '74px',
    align: 'end',
    render: (row) => (collected(row) ? <span className={row.securityCount > 0 ? 'text-danger cell-strong' : undefined}>{formatCount(row.securityCount)}</span> : dash),
  },
  {
    id: 'kev',
    header: 'KEV · EPSS',
    width: '96px',
    render: (row) => {
      const found = intel.get(row.assetId);
      if (!collected(row)) return dash;
      // Waiting for the mapping job: not known, never "—" (which reads as nothing exploited).
      if (mappingPending.has(row.assetId))
        return (
          <span className="text-warning small" title="CVE mapping in progress: its known-exploited fixes are not known yet" data-testid="fleet-kev-mapping">
            mapping…
          </span>
        );
      if (!found || (found.kevFixes === 0 && found.epss === null)) return <span className="muted" title={found ? `${found.cves} CVEs, none known exploited or scored` : 'No CVE mapped to its pending updates'}>—</span>;
      return (
        <span className="kev-filters" title={`${found.kevFixes} pending fixes close known-exploited CVEs; highest EPSS ${found.epss ?? 'not scored'}`} data-testid="fleet-kev">
          {found.kevFixes > 0 ? <KevBadge kev={{ dueDate: null, knownRansomware: null }} /> : null}
          {found.epss !== null ? <span className={found.epss > EPSS_LIKELY ? 'text-danger cell-strong' : 'muted'}>{found.epss.toFixed(2)}</span> : null}
        </span>
      );
    },
  },
  {
    id: 'oldest',
    header: 'Oldest sec.',
    width: '86px',
    align: 'end',
    render: (row) =>
      row.oldestSecurityAgeDays === null ? (
        dash
      ) : (
        <span title={`Days since the SLA clock of the oldest missing security fix started (its publication, or when first seen)${row.oldestSecurity ? `: ${oldestSecurityNote(row.oldestSecurity, timeZone) ?? ''}` : ''}`} data-testid="fleet-oldest-security">
          {formatAgeDays(row.oldestSecurityAgeDays)}
        </span>
      ),
  },
  {
    id: 'overdue',
    header: 'Overdue',
    width: '72px',
    align: 'end',
    render: (row) =>
      !collected(row) || row.overdue === undefined ? dash : <span className={row.overdue > 0 ? 'text-danger cell-strong' : 'muted'} title="Missing fixes past their SLA due date, without an exception" data-testid="fleet-overdue">{formatCount(row.overdue)}</span>,
  },
  {
    id: 'excepted',
    header: 'Excepted',
    width: '76px',
    align: 'end',
    render: (row) =>
      !collected(row) || row.excepted === undefined ? dash : <span className={row.excepted > 0 ? undefined : 'muted'} title="Missing fixes an active exception covers" data-testid="fleet-excepted">{formatCount(row.excepted)}</span>,
  },
  { id: 'reboot', header: 'Reboot', width: '64px', render: (row) => (row.rebootRequired === true ? <span className="text-warning cell-strong">Needed</span> : row.rebootRequired === false ? <span className="muted">No</span> : dash) },
  { id: 'lastSuccess', header: 'Last success', width: '98px', render: (row) => <RelativeTime at={row.lastSuccessAt} /> },
  {
    id: 'lastError',
    header: 'Last error',
    width: 'minmax(130px, 1.5fr)',
    render: (row) =>
      row.lastError ? <FleetErrorCell error={row.lastError} /> : dash,
  },
];
}
