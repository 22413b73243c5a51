import { Fragment } from 'react';
import type { ChecklistItem, CycleDetail } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { Icon } from '../../components/icon';
import { dueText, formatDayShort, formatInstantIn } from './checklist-dates';
import { ITEM_KIND_CHIPS, ITEM_KIND_HINTS, ITEM_STATE_LABELS, ITEM_STATE_TONES, itemDisplayState } from './checklist-labels';
import { EvidenceList } from './evidence-list';
import { ItemHistory } from './item-history';
import { RescanFigures } from './rescan-figures';

/** What a row's buttons ask for. */
export type ItemAction = 'done' | 'not_applicable' | 'reopen';

/**
 * The checklist in order: each step, when it is due and how that stands, its state, who did it
 * and when, the note and evidence, and what can be done next. The next pending item is marked.
 */
export function ChecklistItemsTable({
  cycle,
  today,
  timeZone,
  highlighted,
  expanded,
  onToggle,
  onAction,
  onCollect,
}: {
  cycle: CycleDetail;
  today: string;
  timeZone: string;
  highlighted: string | null;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onAction: (item: ChecklistItem, action: ItemAction) => void;
  onCollect: () => void;
}) {
  const closed = cycle.status === 'closed';
  return (
    <div className="table-scroll checklist-table-scroll">
      <table className="simple-table checklist-table" data-testid="checklist-items">
        <thead>
          <tr>
            <th scope="col" className="checklist-table__marker">
              <span className="visually-hidden">Step</span>
            </th>
            <th scope="col">Item</th>
            <th scope="col" className="checklist-table__due">
              Due
            </th>
            <th scope="col" className="checklist-table__state">
              State
            </th>
            <th scope="col" className="checklist-table__who">
              Who and when
            </th>
            <th scope="col" className="checklist-table__actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cycle.items.map((item, index) => {
            const state = itemDisplayState(item);
            const due = dueText(item, today, closed);
            const isNext = item.key === highlighted;
            const open = expanded.has(item.key);
            const differentRecorder = item.recordedBy && item.doneBy && item.recordedBy !== item.doneBy;
            return (
              <Fragment key={item.key}>
                <tr className={`checklist-row checklist-row--${state}${isNext ? ' is-next' : ''}${open ? ' is-expanded' : ''}`} data-testid={`checklist-item-${item.key}`} data-state={state} data-next={isNext || undefined}>
                  <td className="checklist-table__marker">
                    <span className={`step-marker step-marker--${state}`} aria-hidden="true">
                      {state === 'done' ? <Icon name="check" size={13} /> : state === 'not_applicable' ? '–' : index + 1}
                    </span>
                  </td>
                  <td className="checklist-row__item">
                    <div className="checklist-row__title">
                      <span className="cell-strong">{item.title}</span>
                      {isNext ? (
                        <Badge tone="accent" testId="next-item-marker">
                          Next
                        </Badge>
                      ) : null}
                      {item.kind !== 'task' ? (
                        <span className="kind-chip" title={ITEM_KIND_HINTS[item.kind]}>
                          {ITEM_KIND_CHIPS[item.kind]}
                        </span>
                      ) : null}
                    </div>
                    {/* Once an item is finished its note says what happened; the description is only guidance for doing it. */}
                    {item.description && item.state === 'pending' ? <p className="checklist-row__description">{item.description}</p> : null}
                    {item.note ? (
                      <p className={`checklist-row__note${item.state === 'not_applicable' ? ' checklist-row__note--na' : ''}`} data-testid={`item-note-${item.key}`}>
                        {item.state === 'not_applicable' ? <strong>Not applicable: </strong> : null}
                        {item.note}
                      </p>
                    ) : null}
                    <EvidenceList evidence={item.evidence} testId={`item-evidence-${item.key}`} />
                    {item.kind === 'rescan' && (item.rescan || !closed) ? <RescanFigures rescan={item.rescan ?? cycle.rescan} snapshot={item.rescan !== null} timeZone={timeZone} onCollect={item.state === 'pending' && !closed ? onCollect : undefined} /> : null}
                  </td>
                  <td className="checklist-table__due">
                    <div>{formatDayShort(item.dueDate, today)}</div>
                    {due.text ? (
                      <div className={`small due-text due-text--${due.tone}`} data-testid={`item-due-${item.key}`}>
                        {due.text}
                      </div>
                    ) : null}
                  </td>
                  <td className="checklist-table__state">
                    <Badge tone={ITEM_STATE_TONES[state]} testId={`item-state-${item.key}`}>
                      {ITEM_STATE_LABELS[state]}
                    </Badge>
                  </td>
                  <td className="checklist-table__who">
                    {item.state !== 'pending' ? (
                      <>
                        <div className="truncate" title={differentRecorder ? `Recorded by ${item.recordedBy}` : undefined}>
                          {item.doneBy || item.recordedBy}
                        </div>
                        <div className="muted small">{formatInstantIn(item.doneAt ?? item.recordedAt, timeZone)}</div>
                        {differentRecorder ? <div className="muted small truncate">recorded by {item.recordedBy}</div> : null}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                    {item.history.length > 0 ? (
                      <button type="button" className="link-button small checklist-row__history-toggle" aria-expanded={open} onClick={() => onToggle(item.key)} data-testid={`item-history-toggle-${item.key}`}>
                        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} />
                        History ({item.history.length})
                      </button>
                    ) : null}
                  </td>
                  <td className="checklist-table__actions">
                    {closed ? null : item.state === 'pending' ? (
                      <div className="row-actions">
                        <button type="button" className={`button button--small${isNext ? ' button--primary' : ''}`} onClick={() => onAction(item, 'done')} data-testid={`tick-done-${item.key}`}>
                          Mark done…
                        </button>
                        <button type="button" className="button button--small button--ghost" onClick={() => onAction(item, 'not_applicable')} data-testid={`tick-na-${item.key}`}>
                          Not applicable…
                        </button>
                      </div>
                    ) : (
                      <div className="row-actions">
                        <button type="button" className="button button--small button--ghost" onClick={() => onAction(item, 'reopen')} data-testid={`reopen-${item.key}`}>
                          Reopen…
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
                {open ? (
                  <tr className="checklist-row__history">
                    <td />
                    <td colSpan={5}>
                      <ItemHistory events={item.history} timeZone={timeZone} testId={`item-history-${item.key}`} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
