import type { ChecklistItemEvent } from '../../../../shared/contract';
import { formatInstantIn } from './checklist-dates';
import { EvidenceList } from './evidence-list';

const ACTION_LABELS: Record<ChecklistItemEvent['action'], string> = { done: 'Marked done', not_applicable: 'Marked not applicable', reopened: 'Reopened' };

/** Every tick and reopening of an item, oldest first, as recorded (nothing is ever rewritten). */
export function ItemHistory({ events, timeZone, testId }: { events: readonly ChecklistItemEvent[]; timeZone: string; testId?: string }) {
  if (events.length === 0) return <p className="muted small" data-testid={testId}>Nothing recorded yet.</p>;
  return (
    <ol className="history checklist-history" data-testid={testId}>
      {events.map((event, index) => {
        const byOther = event.action !== 'reopened' && event.doneBy && event.doneBy !== event.actor;
        const earlier = event.action !== 'reopened' && event.doneAt && event.doneAt.slice(0, 16) !== event.at.slice(0, 16);
        return (
          <li key={index} className={`history__entry checklist-history__entry checklist-history__entry--${event.action}`} data-action={event.action}>
            <div className="history__head">
              <strong>{ACTION_LABELS[event.action]}</strong>
              <span className="muted small">
                by {event.actor} · {formatInstantIn(event.at, timeZone)}
              </span>
            </div>
            {byOther || earlier ? (
              <div className="small">
                Work done{byOther ? ` by ${event.doneBy}` : ''}
                {earlier ? ` on ${formatInstantIn(event.doneAt, timeZone)}` : ''}
              </div>
            ) : null}
            {event.note ? <p className="history__note">{event.action === 'reopened' ? `Reason: ${event.note}` : event.note}</p> : null}
            <EvidenceList evidence={event.evidence} />
          </li>
        );
      })}
    </ol>
  );
}
