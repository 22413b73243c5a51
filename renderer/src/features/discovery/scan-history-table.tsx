import type { ScanSummary } from '../../../../shared/contract';
import { Badge, JOB_STATUS_TONES } from '../../components/badge';
import { SiteTime } from '../../components/site-time';
import { formatCount, formatDuration } from '../../lib/format';
import { SCAN_STATUS_LABELS } from '../../lib/labels';

/** Earlier scans of the site: when, what, how it went. */
export function ScanHistoryTable({ scans }: { scans: readonly ScanSummary[] }) {
  if (scans.length === 0) return <p className="muted">No scans yet.</p>;
  const ordered = [...scans].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <div className="table-scroll">
      <table className="simple-table" data-testid="scan-history">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Targets</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Addresses
            </th>
            <th scope="col" className="num">
              Live
            </th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Marked stale
            </th>
            <th scope="col" className="num">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((scan) => (
            <tr key={scan.id} data-testid="scan-history-row">
              <td><SiteTime at={scan.startedAt} /></td>
              <td className="mono truncate" title={scan.targets.join(', ')}>
                {scan.targets.join(', ')}
              </td>
              <td>
                <Badge tone={JOB_STATUS_TONES[scan.status]} title={scan.error || undefined}>
                  {SCAN_STATUS_LABELS[scan.status]}
                </Badge>
              </td>
              <td className="num">
                {formatCount(scan.probedAddresses)}
                {scan.probedAddresses !== scan.totalAddresses ? ` / ${formatCount(scan.totalAddresses)}` : ''}
              </td>
              <td className="num">{formatCount(scan.liveHosts)}</td>
              <td className="num">{formatCount(scan.newHosts)}</td>
              <td className="num">{formatCount(scan.staleMarked)}</td>
              <td className="num">{scan.finishedAt ? formatDuration(Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
