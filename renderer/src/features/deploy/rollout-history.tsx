import { describeSelection } from '../../../../shared/domain/rollouts/selection';
import type { RolloutSummary } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { SiteTime } from '../../components/site-time';
import { plural } from '../../lib/format';
import { ROLLOUT_STATE_LABELS, ROLLOUT_STATE_TONES, sentenceCase } from './rollout-labels';

/** A site's rollouts, newest first, with their outcome; a row opens the rollout. */
export function RolloutHistory({ rollouts, onOpen }: { rollouts: readonly RolloutSummary[]; onOpen: (rollout: RolloutSummary) => void }) {
  return (
    <div className="table-scroll">
      <table className="simple-table rollout-history" data-testid="rollout-history">
        <thead>
          <tr>
            <th>Rollout</th>
            <th>State</th>
            <th>Outcome</th>
            <th>Planned</th>
            <th>Approved</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {rollouts.map((rollout) => (
            <tr key={rollout.id} className="row-link" onClick={() => onOpen(rollout)} data-testid={`rollout-row-${rollout.id}`}>
              <td>
                <a
                  href={`#/checklist/deploy/${rollout.id}`}
                  className="cell-strong rollout-history__name"
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen(rollout);
                  }}
                >
                  {rollout.name}
                </a>
                <div className="muted small">
                  {sentenceCase(describeSelection(rollout.selection))}
                </div>
              </td>
              <td>
                <Badge tone={ROLLOUT_STATE_TONES[rollout.state]}>{ROLLOUT_STATE_LABELS[rollout.state]}</Badge>
                {rollout.stateReason ? <div className="muted small rollout-history__reason sentence">{rollout.stateReason}</div> : null}
              </td>
              <td className="small" data-testid="rollout-outcome">
                {plural(rollout.counts.hosts, 'host')}: {rollout.counts.success} ok, {rollout.counts.failure} failed
                {rollout.counts.notAttempted > 0 ? `, ${rollout.counts.notAttempted} not attempted` : ''}
                {rollout.counts.open > 0 ? `, ${rollout.counts.open} open` : ''}
              </td>
              <td className="small rollout-history__when">
                <SiteTime at={rollout.createdAt} />
                <div className="muted">{rollout.createdBy}</div>
              </td>
              <td className="small rollout-history__when">
                {rollout.approvedAt ? (
                  <>
                    <SiteTime at={rollout.approvedAt} />
                    <div className="muted">{rollout.approvedBy}</div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="small rollout-history__when">
                <SiteTime at={rollout.finishedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
