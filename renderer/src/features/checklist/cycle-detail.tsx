import { useState } from 'react';
import type { ChecklistItem, CycleDetail } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { useApiQuery } from '../../api/use-api-query';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { NextStepBanner } from '../../components/next-step-banner';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { dayOf, dueText, formatDay, formatDayShort, formatDeadline, formatInstantIn } from './checklist-dates';
import { highlightedItemKey } from './checklist-next-step';
import { ChecklistItemsTable, type ItemAction } from './checklist-items-table';
import { CYCLE_KIND_LABELS, CYCLE_KIND_TONES, TRIGGER_KIND_LABELS } from './checklist-labels';
import { ChecklistProgressBar } from './checklist-progress-bar';
import { isComplete, progressSummary } from './checklist-progress';
import { CloseCycleDialog } from './close-cycle-dialog';
import { cycleName } from './cycle-list-model';
import { CycleScopeTable } from './cycle-scope-table';
import { ReopenDialog } from './reopen-dialog';
import { TickDialog } from './tick-dialog';
import { useCycle } from './use-cycles';
import { useSiteClock } from './use-site-clock';

type Overlay = { kind: 'tick'; key: string; mode: 'done' | 'not_applicable' } | { kind: 'reopen'; key: string } | { kind: 'close' } | null;

/** One cycle: what it is for, where it stands, its checklist in order, and its scope. */
export function CycleDetailView({ cycleId }: { cycleId: number }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const { nowMs, today } = useSiteClock(site.timezone);
  const cycle = useCycle(cycleId);
  const info = useApiQuery('app:info', {});
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const back = (
    <a href="#/checklist" className="link-button back-link" data-testid="cycle-back">
      <Icon name="chevronRight" size={12} className="icon flip" />
      All cycles
    </a>
  );

  if (!cycle.data || cycle.data.siteId !== site.id) {
    const missing = isApiClientError(cycle.error, 'not_found') || (cycle.data !== undefined && cycle.data.siteId !== site.id);
    return (
      <div className="screen" data-testid="cycle-detail" data-state={missing ? 'missing' : 'loading'}>
        {back}
        {missing ? (
          <EmptyState icon="checklist" title="No such cycle in this site" action={<a className="button" href="#/checklist">Show the cycles</a>}>
            It may belong to another site, or the link is out of date.
          </EmptyState>
        ) : cycle.error ? (
          <InlineAlert title="The cycle could not be loaded">{errorMessage(cycle.error)}</InlineAlert>
        ) : (
          <div className="skeleton-block" aria-busy="true" aria-label="Loading the cycle" />
        )}
      </div>
    );
  }

  const detail = cycle.data;
  const open = detail.status === 'open';
  const highlighted = highlightedItemKey(detail, detail.items);
  const next = highlighted ? detail.items.find((item) => item.key === highlighted) : undefined;
  const itemOf = (key: string) => detail.items.find((item) => item.key === key);
  const onAction = (item: ChecklistItem, action: ItemAction) => setOverlay(action === 'reopen' ? { kind: 'reopen', key: item.key } : { kind: 'tick', key: item.key, mode: action });
  const collect = () => navigate({ screen: 'status', tab: 'overview' });
  const overlayItem = overlay && overlay.kind !== 'close' ? itemOf(overlay.key) : undefined;

  return (
    <div className="screen" data-testid="cycle-detail" data-cycle-id={detail.id} data-status={detail.status} data-kind={detail.kind}>
      <header className="screen__header cycle-header">
        <div className="cycle-header__text">
          {back}
          <p className="eyebrow">Step 4 · Monthly checklist</p>
          <h1 className="screen__title cycle-header__title">
            <span data-testid="cycle-title">{cycleName(detail)}</span>
            <Badge tone={CYCLE_KIND_TONES[detail.kind]} testId="cycle-kind">
              {CYCLE_KIND_LABELS[detail.kind]}
            </Badge>
            {open ? (
              detail.overdue ? (
                <Badge tone="danger" testId="cycle-status">
                  Past deadline
                </Badge>
              ) : (
                <Badge tone="accent" testId="cycle-status">
                  Open
                </Badge>
              )
            ) : (
              <Badge testId="cycle-status">Closed</Badge>
            )}
          </h1>
          {detail.kind === 'emergency' && detail.reason ? <p className="screen__subtitle cycle-header__reason">{detail.reason}</p> : null}
        </div>
        {open ? (
          <div className="screen__actions">
            <button type="button" className="button" onClick={() => navigate({ screen: 'checklist', view: 'deploy-plan', cycleId: detail.id, assetIds: [] })} data-testid="cycle-deploy">
              Deploy…
            </button>
            <button type="button" className={`button${isComplete(detail.progress) ? ' button--primary' : ''}`} onClick={() => setOverlay({ kind: 'close' })} data-testid="close-cycle">
              <Icon name="lock" />
              Close cycle…
            </button>
          </div>
        ) : null}
      </header>

      <section className="cycle-summary" aria-label="Cycle summary">
        <CycleFacts cycle={detail} timeZone={site.timezone} today={today} />
        <div className="cycle-summary__progress" data-testid="cycle-progress" data-done={detail.progress.done} data-total={detail.progress.total} data-late={detail.progress.late}>
          <div className="cycle-summary__numbers">
            <span className="cycle-summary__big">
              {detail.progress.done + detail.progress.notApplicable}
              <span className="muted">/{detail.progress.total}</span>
            </span>
            <span className="small">{progressSummary(detail.progress)}</span>
          </div>
          <ChecklistProgressBar progress={detail.progress} label="Checklist progress" size="large" />
        </div>
      </section>

      {open && next ? (
        <NextStepBanner
          tone={next.late ? 'warning' : 'default'}
          text={`${next.late ? 'Overdue' : 'Next'}: “${next.title}”, ${dueText(next, today).text}${detail.progress.late > 1 ? ` (${detail.progress.late} items late)` : ''}.`}
          actionLabel="Mark done…"
          onAction={() => setOverlay({ kind: 'tick', key: next.key, mode: 'done' })}
        />
      ) : open ? (
        <NextStepBanner text="Every item is done or not applicable. Close the cycle to freeze its record for the evidence pack." actionLabel="Close cycle…" onAction={() => setOverlay({ kind: 'close' })} />
      ) : (
        <InlineAlert tone="info" title={`Closed by ${detail.closedBy || 'unknown'} on ${formatInstantIn(detail.closedAt, site.timezone)}`} testId="cycle-closed">
          {detail.closeNote || 'No closing note.'} The checklist below is the record as it was when the cycle closed.
        </InlineAlert>
      )}

      <div className="screen__body screen__body--scroll cycle-body">
        <ChecklistItemsTable
          cycle={detail}
          today={today}
          timeZone={site.timezone}
          highlighted={highlighted}
          expanded={expanded}
          onToggle={(key) =>
            setExpanded((current) => {
              const nextSet = new Set(current);
              if (nextSet.has(key)) nextSet.delete(key);
              else nextSet.add(key);
              return nextSet;
            })
          }
          onAction={onAction}
          onCollect={collect}
        />
        <CycleScopeTable scope={detail.scope} kind={detail.kind} />
      </div>

      {overlay?.kind === 'tick' && overlayItem ? (
        <TickDialog cycle={detail} item={overlayItem} mode={overlay.mode} actor={info.data?.actor ?? ''} timeZone={site.timezone} nowMs={nowMs} today={today} onClose={() => setOverlay(null)} onCollect={collect} />
      ) : null}
      {overlay?.kind === 'reopen' && overlayItem ? <ReopenDialog cycleId={detail.id} item={overlayItem} onClose={() => setOverlay(null)} /> : null}
      {overlay?.kind === 'close' ? <CloseCycleDialog cycle={detail} onClose={() => setOverlay(null)} /> : null}
    </div>
  );
}

/** The facts of a cycle in one dense row: its days, trigger, scope and who opened it. */
function CycleFacts({ cycle, timeZone, today }: { cycle: CycleDetail; timeZone: string; today: string }) {
  const due = cycle.scope.filter((asset) => asset.due).length;
  return (
    <dl className="cycle-facts" data-testid="cycle-facts">
      {cycle.kind === 'baseline' ? (
        <>
          <div>
            <dt>Anchor day</dt>
            <dd data-testid="cycle-anchor">{formatDay(cycle.anchorDate)}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd title="Verification rescans count from the anchor day to the next one">
              {formatDayShort(dayOf(cycle.period.from, timeZone), today)} – {cycle.period.to ? formatDayShort(dayOf(cycle.period.to, timeZone), today) : 'closing'}
            </dd>
          </div>
        </>
      ) : (
        <>
          <div>
            <dt>Trigger</dt>
            <dd className="mono" data-testid="cycle-trigger">
              {cycle.trigger ? `${cycle.trigger.ref}` : '—'}
              {cycle.trigger ? <span className="muted"> · {TRIGGER_KIND_LABELS[cycle.trigger.kind]}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Deadline</dt>
            <dd className={cycle.overdue ? 'text-danger' : undefined} data-testid="cycle-deadline">
              {cycle.deadline ? formatDeadline(cycle.deadline, timeZone) : '—'}
            </dd>
          </div>
        </>
      )}
      <div>
        <dt>Scope</dt>
        <dd data-testid="cycle-scope-size">
          {cycle.scope.length} {cycle.scope.length === 1 ? 'asset' : 'assets'}
          {cycle.kind === 'baseline' && due !== cycle.scope.length ? <span className="muted">, {due} due</span> : null}
        </dd>
      </div>
      <div>
        <dt>Opened</dt>
        <dd>
          {formatInstantIn(cycle.openedAt, timeZone)} <span className="muted">by {cycle.openedBy}</span>
        </dd>
      </div>
      {cycle.kind === 'emergency' ? (
        <>
          <div>
            <dt>Triaged</dt>
            <dd>{formatInstantIn(cycle.triagedAt, timeZone)}</dd>
          </div>
          <div>
            <dt>Deployed</dt>
            <dd>{formatInstantIn(cycle.deployedAt, timeZone)}</dd>
          </div>
        </>
      ) : null}
      <div>
        <dt>Time zone</dt>
        <dd>{timeZone}</dd>
      </div>
    </dl>
  );
}
