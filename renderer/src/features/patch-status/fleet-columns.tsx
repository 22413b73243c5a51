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

/** The last error in words, its code in the tooltip with its message and site-zone time. */
function FleetErrorCell({ error }: { error: NonNullable<AssetPatchStatus['lastError']> }) {
  const timeZone = useSiteTimeZone();
  return (
    <span className="text-danger cell-sub" title={`${COLLECTION_ERROR_LABELS[error.code]} (${error.code}): ${error.message} (${formatDateTime(error.at, timeZone)} ${timeZone})`} data-testid="fleet-error">
      {COLLECTION_ERROR_LABELS[error.code]}
    </span>
  );
}

/**
 * Columns of the fleet overview: who, how urgent, what is missing and since when, and why a host
 * failed. Related figures share a cell on two lines (the host over its address, pending over
 * security, the oldest fix over what is overdue, the last success over the last error), so the
 * table fits a 1280 px window with a full IPv6 address and no sideways scrolling.
 */
export function fleetColumns(timeZone: string, intel: ReadonlyMap<number, { kevFixes: number; epss: number | null; cves: number }> = new Map(), mappingPending: ReadonlySet<number> = new Set()): readonly GridColumn<AssetPatchStatus>[] {
  // A host with no successful collection says "not measured" and why, never a count of 0.
  const notMeasured = (row: AssetPatchStatus) => (
    <span className="text-warning small" title={notMeasuredText(row, timeZone) ?? ''} data-testid="fleet-not-measured">
      not measured
    </span>
  );
  return [
  {
    id: 'hostname',
    header: 'Host',
    // Its width is set from the addresses shown (see addressTrack): the address must never be
    // cut, the hostname may be (its tooltip has it whole).
    width: 'minmax(150px, 1.6fr)',
    render: (row) => {
      const name = row.hostname || row.address || `asset ${row.assetId}`;
      return (
        <span className="asset-two-line">
          <span className="cell-strong" title={name}>{name}</span>
          {row.hostname && row.address ? <span className="mono" data-layout="ip">{row.address}</span> : null}
        </span>
      );
    },
  },
  { id: 'tier', header: 'Tier', width: '58px', render: (row) => <TierBadge tier={row.tier as Tier | null} compact /> },
  {
    id: 'state',
    header: 'State',
    width: '146px',
    render: (row) => (
      <span title={notMeasuredText(row, timeZone) ?? undefined} data-testid="fleet-state" data-not-measured={notMeasuredText(row, timeZone) ?? undefined}>
        <PatchStateBadge state={row.state} />
      </span>
    ),
  },
  // The name over its end-of-life standing.
  { id: 'os', header: 'OS', width: 'minmax(104px, 2fr)', render: (row) => <OsWithEol status={row} stacked /> },
  {
    id: 'pending',
    header: 'Updates',
    width: '106px',
    render: (row) =>
      collected(row) ? (
        <span className="asset-two-line" title={`${formatCount(row.pendingCount)} pending updates, ${formatCount(row.securityCount)} of them security fixes`}>
          <span>{formatCount(row.pendingCount)} pending</span>
          <span className={`cell-sub${row.securityCount > 0 ? ' text-danger cell-strong' : ' muted'}`} data-testid="fleet-security">
            {formatCount(row.securityCount)} security
          </span>
        </span>
      ) : (
        notMeasured(row)
      ),
  },
  {
    id: 'kev',
    header: 'KEV · EPSS',
    width: '84px',
    optional: true,
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
    width: '100px',
    render: (row) => {
      const overdue = !collected(row) || row.overdue === undefined ? null : row.overdue;
      const excepted = !collected(row) || row.excepted === undefined ? null : row.excepted;
      const sla = [
        overdue === null ? null : (
          <span key="overdue" className={overdue > 0 ? 'text-danger cell-strong' : undefined} title="Missing fixes past their SLA due date, without an exception" data-testid="fleet-overdue">
            {formatCount(overdue)} overdue
          </span>
        ),
        excepted ? (
          <span key="excepted" title="Missing fixes an active exception covers" data-testid="fleet-excepted">
            {' · '}
            {formatCount(excepted)} excepted
          </span>
        ) : null,
      ];
      return (
        <span className="asset-two-line">
          {row.oldestSecurityAgeDays === null ? (
            dash
          ) : (
            <span title={`Days since the SLA clock of the oldest missing security fix started (its publication, or when first seen)${row.oldestSecurity ? `: ${oldestSecurityNote(row.oldestSecurity, timeZone) ?? ''}` : ''}`} data-testid="fleet-oldest-security">
              {formatAgeDays(row.oldestSecurityAgeDays)}
            </span>
          )}
          {overdue === null ? null : <span className={`cell-sub${overdue > 0 || excepted ? '' : ' muted'}`}>{sla}</span>}
        </span>
      );
    },
  },
  // Optional: below the width that fits every column, the Reboot pending tile and the KEV and
  // EPSS filters above the table still find these hosts, and the host's drawer shows its reboot.
  { id: 'reboot', header: 'Reboot', width: '68px', optional: true, render: (row) => (row.rebootRequired === true ? <span className="text-warning cell-strong">Needed</span> : row.rebootRequired === false ? <span className="muted">No</span> : dash) },
  {
    id: 'lastSuccess',
    header: 'Collected',
    width: 'minmax(104px, 0.8fr)',
    render: (row) => (
      <span className="asset-two-line">
        <RelativeTime at={row.lastSuccessAt} />
        {row.lastError ? <FleetErrorCell error={row.lastError} /> : null}
      </span>
    ),
  },
];
}
