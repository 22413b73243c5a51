import type { CycleSummary } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { dayOf, dueText, formatDayShort, formatDeadline, relativeDay } from './checklist-dates';
import { CYCLE_KIND_LABELS, CYCLE_KIND_TONES, TRIGGER_KIND_LABELS } from './checklist-labels';
import { ChecklistProgressBar } from './checklist-progress-bar';
import { progressFraction } from './checklist-progress';
import { cycleName } from './cycle-list-model';

/** The site's cycles, open ones first: what, when, how far, what is late and what comes next. */
export function CyclesTable({ cycles, today, timeZone, currentMonth, onOpen }: { cycles: readonly CycleSummary[]; today: string; timeZone: string; currentMonth: string; onOpen: (cycle: CycleSummary) => void }) {
  return (
    <div className="table-scroll cycles-table-scroll">
      <table className="simple-table cycles-table" data-testid="cycles-table">
        <thead>
          <tr>
            <th scope="col" className="cycles-table__name">
              Cycle
            </th>
            <th scope="col" className="cycles-table__when">
              Anchor / deadline
            </th>
            <th scope="col" className="cycles-table__progress">
              Progress
            </th>
            <th scope="col" className="cycles-table__late">
              Late
            </th>
            <th scope="col">Next due</th>
            <th scope="col" className="cycles-table__status">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((cycle) => {
            const name = cycleName(cycle);
            const current = cycle.kind === 'baseline' && cycle.month === currentMonth;
            const next = cycle.nextDue && cycle.status === 'open' ? dueText({ state: 'pending', dueDate: cycle.nextDue.dueDate, late: cycle.nextDue.dueDate < today, doneLate: false }, today) : null;
            return (
              <tr
                key={cycle.id}
                className={`cycles-table__row${cycle.status === 'closed' ? ' is-closed' : ''}${cycle.overdue ? ' is-overdue' : ''}`}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  onOpen(cycle);
                }}
                data-testid={`cycle-row-${cycle.id}`}
                data-kind={cycle.kind}
                data-status={cycle.status}
              >
                <td className="cycles-table__name">
                  <div className="cycles-table__title">
                    <a href={`#/checklist/${cycle.id}`} className="cycles-table__link">
                      {name}
                    </a>
                    <Badge tone={CYCLE_KIND_TONES[cycle.kind]} testId="cycle-kind">
                      {CYCLE_KIND_LABELS[cycle.kind]}
                    </Badge>
                    {current ? <Badge tone="accent">This month</Badge> : null}
                  </div>
                  {cycle.kind === 'emergency' ? (
                    <div className="muted small truncate" title={cycle.reason}>
                      {cycle.trigger ? <span className="mono">{cycle.trigger.ref}</span> : null}
                      {cycle.trigger ? ` · ${TRIGGER_KIND_LABELS[cycle.trigger.kind]} · ` : ''}
                      {cycle.reason}
                    </div>
                  ) : null}
                </td>
                <td className="cycles-table__when">
                  {cycle.kind === 'emergency' && cycle.deadline ? (
                    <>
                      <div className={cycle.overdue ? 'text-danger' : undefined}>Due {formatDeadline(cycle.deadline, timeZone, undefined, today)}</div>
                      <div className="muted small">Opened {formatDayShort(cycle.anchorDate, today)}</div>
                    </>
                  ) : (
                    <>
                      <div>{formatDayShort(cycle.anchorDate, today)}</div>
                      <div className="muted small">{cycle.status === 'open' ? relativeDay(cycle.anchorDate, today) : 'anchor day'}</div>
                    </>
                  )}
                </td>
                <td className="cycles-table__progress">
                  <div className="cycles-table__bar">
                    <ChecklistProgressBar progress={cycle.progress} label={`${name} progress`} />
                    <span className="num" data-testid="cycle-row-progress">
                      {progressFraction(cycle.progress)}
                    </span>
                  </div>
                </td>
                <td className="cycles-table__late">
                  {cycle.progress.late > 0 ? (
                    <Badge tone={cycle.status === 'open' ? 'danger' : 'neutral'} testId="cycle-row-late" title={cycle.status === 'open' ? 'Pending past their due day' : 'Still pending, and past due, when the cycle closed'}>
                      {cycle.progress.late} {cycle.status === 'open' ? 'late' : 'missed'}
                    </Badge>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {cycle.status === 'open' && cycle.nextDue ? (
                    <>
                      <div className="truncate">{cycle.nextDue.title}</div>
                      {next ? <div className={`small due-text due-text--${next.tone}`}>{next.text}</div> : null}
                    </>
                  ) : cycle.status === 'open' ? (
                    <span className="muted">Ready to close</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="cycles-table__status">
                  {cycle.status === 'open' ? (
                    cycle.overdue ? (
                      <Badge tone="danger" testId="cycle-status">
                        Overdue
                      </Badge>
                    ) : (
                      <Badge tone="accent" testId="cycle-status">
                        Open
                      </Badge>
                    )
                  ) : (
                    <>
                      <Badge testId="cycle-status">Closed</Badge>
                      <div className="muted small">{cycle.closedAt ? formatDayShort(dayOf(cycle.closedAt, timeZone), today) : ''}</div>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
