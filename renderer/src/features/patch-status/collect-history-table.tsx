import type { CollectionRunSummary } from '../../../../shared/contract';
import { Badge, JOB_STATUS_TONES } from '../../components/badge';
import { SiteTime } from '../../components/site-time';
import { formatCount, formatDuration } from '../../lib/format';
import { RUN_STATUS_LABELS } from './patch-status-labels';

/** Earlier collection runs of the site: when, how many hosts, how many failed. */
export function CollectHistoryTable({ runs }: { runs: readonly CollectionRunSummary[] }) {
  if (runs.length === 0) return <p className="muted">No collection runs yet.</p>;
  const ordered = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <div className="table-scroll">
      <table className="simple-table" data-testid="collect-history">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Hosts
            </th>
            <th scope="col" className="num">
              Collected
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((run) => (
            <tr key={run.id} data-testid="collect-history-row" data-status={run.status}>
              <td><SiteTime at={run.startedAt} /></td>
              <td>
                <Badge tone={JOB_STATUS_TONES[run.status]}>{RUN_STATUS_LABELS[run.status]}</Badge>
              </td>
              <td className="num">{formatCount(run.hostsTotal)}</td>
              <td className="num">{formatCount(run.hostsOk)}</td>
              <td className={`num${run.hostsFailed > 0 ? ' text-danger' : ''}`}>{formatCount(run.hostsFailed)}</td>
              <td className="num">{run.finishedAt ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
