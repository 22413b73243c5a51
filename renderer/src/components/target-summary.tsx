import { formatCount, plural } from '../lib/format';
import type { TargetListSummary } from '../lib/target-list';

/** The live check under a target list: each target with its address count or its problem. */
export function TargetSummary({ summary, testId }: { summary: TargetListSummary; testId?: string }) {
  if (summary.entries.length === 0) return null;
  const valid = summary.entries.filter((entry) => entry.ok).length;
  return (
    <div className="target-summary" data-testid={testId}>
      <div className="target-summary__total" aria-live="polite">
        <strong data-testid={testId ? `${testId}-count` : undefined}>{plural(summary.addressCount, 'address', 'addresses')}</strong>
        <span className="muted"> in {plural(valid, 'target')}</span>
        {summary.problems.length > 0 ? <span className="text-danger"> · {plural(summary.problems.length, 'problem')}</span> : null}
      </div>
      <ul className="target-summary__list">
        {summary.entries.map((entry, index) => (
          <li key={`${entry.source}-${index}`} className={entry.ok ? '' : 'text-danger'}>
            <code>{entry.source}</code>
            <span className="muted">{entry.ok ? ` · ${formatCount(entry.addresses)}` : ` · ${entry.message}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
