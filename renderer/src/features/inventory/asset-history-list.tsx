import type { AssetChange } from '../../../../shared/contract';
import { SiteTime } from '../../components/site-time';
import { formatChangeValue as show } from './history-values';

/** Who changed what on an asset and when, newest first. */
export function AssetHistoryList({ changes }: { changes: readonly AssetChange[] }) {
  if (changes.length === 0) return <p className="muted">No recorded changes yet.</p>;
  const ordered = [...changes].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <ol className="history" data-testid="asset-history">
      {ordered.map((change) => (
        <li key={change.id} className="history__entry">
          <div className="history__head">
            <strong className="history__action">{change.action}</strong>
            <span className="muted">
              by {change.actor} · <SiteTime at={change.at} />
            </span>
          </div>
          {Object.keys(change.changes).length > 0 ? (
            <ul className="history__fields">
              {Object.entries(change.changes).map(([field, [before, after]]) => (
                <li key={field}>
                  <span className="history__field">{field}</span> <span className="history__before">{show(before)}</span> → <span className="history__after">{show(after)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {change.note ? <p className="history__note">“{change.note}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
