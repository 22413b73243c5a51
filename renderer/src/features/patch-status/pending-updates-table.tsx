import { Badge } from '../../components/badge';
import { useSiteTimeZone } from '../../components/site-time';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatAgeDays, sortPending, type PendingRow } from './pending-updates-model';
import { SlaBadge } from './sla-badge';

/** Advisory and CVE ids, capped: a kernel update can list forty CVEs and the row must stay readable. */
function References({ row }: { row: PendingRow }) {
  const ids = [...row.advisories, ...row.cves];
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

/** The missing updates of one host, security fixes first and oldest first, with their SLA clock and age (severity sits in the security badge). */
export function PendingUpdatesTable({ rows }: { rows: readonly PendingRow[] }) {
  const timeZone = useSiteTimeZone();
  if (rows.length === 0) return <p className="muted" data-testid="pending-empty">Nothing pending: every package is at the newest version its repositories offer.</p>;
  const sorted = sortPending(rows);
  return (
    <div className="table-scroll table-scroll--live">
      <table className="simple-table pending-table" data-testid="pending-updates">
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Installed → available</th>
            <th scope="col">Security</th>
            <th scope="col" title="The patch policy's deadline for this fix on this host (tier and severity)">
              SLA
            </th>
            <th scope="col" className="num">
              Age
            </th>
            <th scope="col">First seen</th>
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
              <td>
                <SlaBadge sla={row.sla} />
              </td>
              <td className={`num${row.security === true && row.ageDays >= 30 ? ' text-danger cell-strong' : ''}`} data-testid="pending-age">
                {formatAgeDays(row.ageDays)}
              </td>
              <td title={`${formatDateTime(row.firstSeenAt, timeZone)} ${timeZone}`}>{formatDate(row.firstSeenAt, timeZone)}</td>
              <td>
                <References row={row} />
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
