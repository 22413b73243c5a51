import type { AssetPatchDetail } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { SiteTime } from '../../components/site-time';
import { formatCount } from '../../lib/format';
import { COLLECTION_ERROR_ADVICE, COLLECTION_ERROR_LABELS } from './patch-status-labels';

/** Each collection of one host, newest first: what it found, or why it failed and what to do. */
export function CollectionHistoryList({ history }: { history: AssetPatchDetail['history'] }) {
  if (history.length === 0) return <p className="muted">Never collected.</p>;
  const ordered = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="collection-history" data-testid="collection-history">
      {ordered.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="collection-history__item" data-testid="collection-history-row" data-outcome={entry.outcome}>
          <Badge tone={entry.outcome === 'ok' ? 'success' : 'danger'}>{entry.outcome === 'ok' ? 'OK' : 'Failed'}</Badge>
          <div className="collection-history__text">
            <div>
              <strong><SiteTime at={entry.at} /></strong>
              {entry.runId !== null ? <span className="muted small"> · run {entry.runId}</span> : <span className="muted small"> · offline file</span>}
            </div>
            {entry.outcome === 'ok' ? (
              <span className="muted">
                {formatCount(entry.pendingCount)} pending, {formatCount(entry.securityCount)} security
              </span>
            ) : (
              <span>
                <span className="text-danger">{entry.errorCode ? COLLECTION_ERROR_LABELS[entry.errorCode] : 'Failed'}</span>
                {entry.errorCode ? <span className="muted mono small"> {entry.errorCode}</span> : null}
                {entry.message ? <span className="muted"> · {entry.message}</span> : null}
                {entry.errorCode && COLLECTION_ERROR_ADVICE[entry.errorCode] ? <span className="collection-history__advice">{COLLECTION_ERROR_ADVICE[entry.errorCode]}</span> : null}
              </span>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
