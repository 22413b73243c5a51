import { EPSS_LIKELY } from '../../../../shared/domain/intel/priority';
import { Badge } from '../../components/badge';
import { useSiteTimeZone } from '../../components/site-time';
import { formatDate, formatDateTime } from '../../lib/format';
import { KevBadge } from '../triage/kev-badge';
import type { UpdateIntel } from '../triage/vulnerability-model';
import { formatAgeDays, sortPending, type PendingRow } from './pending-updates-model';
import { SlaBadge } from './sla-badge';
import { clockStart } from './sla-labels';

/** Where the row's SLA clock started and on what basis; first seen is always in the tooltip. */
function ClockFrom({ row }: { row: PendingRow }) {
  const timeZone = useSiteTimeZone();
  const start = clockStart(row.sla);
  const seen = `First seen missing ${formatDateTime(row.firstSeenAt, timeZone)} ${timeZone}`;
  if (!start) return <td title={seen}>first seen {formatDate(row.firstSeenAt, timeZone)}</td>;
  return (
    <td title={`Clock from ${start.note}. ${seen}.`} data-testid="pending-clock-from" data-basis={row.sla?.clockBasis}>
      {start.text}
    </td>
  );
}

/** Advisory and CVE ids, capped: a kernel update can list forty CVEs and the row must stay readable. */
function References({ row, intel }: { row: PendingRow; intel: UpdateIntel | undefined }) {
  const ids = [...new Set([...row.advisories, ...row.cves, ...(intel?.cves ?? [])])];
  if (ids.length === 0) return <span className="muted">—</span>;
  const shown = ids.slice(0, 3);
  return (
    <span className="refs" title={ids.join(', ')}>
      {shown.map((id) => (
        <span key={id} className="mono ref">
          {id}
        </span>
      ))}
      {ids.length > shown.length ? <span className="muted"> +{ids.length - shown.length}</span> : null}
    </span>
  );
}

/** The KEV badge and highest EPSS of an update's CVEs; a dash when no feed knows them. */
function KevEpss({ intel }: { intel: UpdateIntel | undefined }) {
  if (!intel || (!intel.kev && intel.epss === null)) return <span className="muted">—</span>;
  return (
    <span className="kev-filters">
      {intel.kev ? <KevBadge kev={{ dueDate: null, knownRansomware: null }} /> : null}
      {intel.epss !== null ? <span className={intel.epss > EPSS_LIKELY ? 'text-danger cell-strong' : undefined}>{intel.epss.toFixed(2)}</span> : null}
    </span>
  );
}

/** The missing updates of one host, security fixes first and oldest first, with their SLA clock and age (severity sits in the security badge). */
export function PendingUpdatesTable({
  rows,
  notMeasured = null,
  intel,
}: {
  rows: readonly PendingRow[];
  /** Why the host is not measured (`notMeasuredText`); null when it is. */ notMeasured?: string | null;
  /** Per update name, the CVEs its fix closes with KEV and EPSS (`triage:asset`); absent before it loads. */
  intel?: ReadonlyMap<string, UpdateIntel>;
}) {
  if (rows.length === 0) {
    // Unmeasured is not patched: only a fresh successful collection can say "nothing pending".
    if (notMeasured !== null)
      return (
        <p className="text-warning" data-testid="pending-not-measured">
          {notMeasured}. Nothing can be said about what is pending until a collection succeeds.
        </p>
      );
    return <p className="muted" data-testid="pending-empty">Nothing pending: every package is at the newest version its repositories offer.</p>;
  }
  const sorted = sortPending(rows);
  return (
    <div className="table-scroll table-scroll--live">
      <table className="simple-table pending-table" data-testid="pending-updates">
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Installed → available</th>
            <th scope="col">Security</th>
            <th scope="col" title="Known exploited (CISA KEV) and the highest EPSS score among the CVEs this update fixes">
              KEV · EPSS
            </th>
            <th scope="col" title="The patch policy's deadline for this fix on this host (tier and severity)">
              SLA
            </th>
            <th scope="col" className="num">
              Age
            </th>
            <th scope="col" title="Day 0 of the SLA: when the vendor published the fix, or when Patchdesk first saw it missing (site time)">
              Clock from
            </th>
            <th scope="col">Advisories / CVEs</th>
            <th scope="col">Repository</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.name}:${row.arch ?? ''}`} data-testid="pending-row" data-package={row.name} data-security={String(row.security)} data-age-days={Math.floor(row.ageDays)}>
              <td>
                <span className="cell-strong">{row.name}</span>
                {row.arch ? <span className="muted small"> {row.arch}</span> : null}
                {row.kind !== 'upgrade' ? <span className="muted small"> ({row.kind})</span> : null}
              </td>
              <td className="mono">
                <span className="version-cell" title={`${row.installedVersion ?? 'not installed'} → ${row.availableVersion}`}>
                  <span className="truncate">{row.installedVersion ?? '—'}</span>
                  <span className="muted version-cell__arrow">→</span>
                  <span className="truncate">{row.availableVersion}</span>
                </span>
              </td>
              <td>
                {row.security === true ? (
                  <Badge tone="danger" testId="pending-security" title={row.severity ? `Severity: ${row.severity}` : undefined}>
                    Security{row.severity ? ` · ${row.severity}` : ''}
                  </Badge>
                ) : row.security === null ? (
                  <Badge title="The package source does not say whether this is a security fix">Unknown</Badge>
                ) : (
                  <span className="muted">No</span>
                )}
              </td>
              <td data-testid="pending-kev-epss">
                <KevEpss intel={intel?.get(row.name)} />
              </td>
              <td>
                <SlaBadge sla={row.sla} />
              </td>
              <td className={`num${row.security === true && row.ageDays >= 30 ? ' text-danger cell-strong' : ''}`} data-testid="pending-age">
                {formatAgeDays(row.ageDays)}
              </td>
              <ClockFrom row={row} />
              <td>
                <References row={row} intel={intel?.get(row.name)} />
              </td>
              <td className="truncate" title={row.repository}>
                {row.repository || <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
