import { useEffect, useMemo, useState } from 'react';
import type { ExceptionRecord } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState, NoMatchesState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { NextStepBanner } from '../../components/next-step-banner';
import { formatCount, plural } from '../../lib/format';
import { useSiteAssets } from '../inventory/use-assets';
import type { ExceptionTab } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { AddExceptionDialog } from './add-exception-dialog';
import { CloseExceptionDialog } from './close-exception-dialog';
import { formatDay, todayIn } from './exception-dates';
import type { ExceptionDateRules } from './exception-form-model';
import { EXCEPTION_STATUS_LABELS } from './exception-labels';
import { countExceptions, exceptionRows, isOpen, statusesOutdated, type OpenStatusFilter } from './exception-list-model';
import { ExceptionTiles } from './exception-tiles';
import { ExceptionsTable } from './exceptions-table';
import { exceptionsNextStep } from './exceptions-next-step';
import { RenewExceptionDialog } from './renew-exception-dialog';
import { useExceptions, useSitePolicy } from './use-exceptions';
import { useNow } from './use-now';

type Overlay = { kind: 'add' } | { kind: 'renew'; record: ExceptionRecord } | { kind: 'close'; record: ExceptionRecord } | null;

const EMPTY: readonly ExceptionRecord[] = [];

/** The contract allows no policy longer than this; used only until the site policy has loaded. */
const POLICY_CEILING_DAYS = 730;

/**
 * Step 5: the exception register. Open entries first, the lapsed ones on top because their
 * fixes count as breaches again; closed and renewed entries stay readable as history.
 */
export function ExceptionsScreen({ tab }: { tab: ExceptionTab }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const nowMs = useNow();
  const exceptions = useExceptions(site.id);
  const policy = useSitePolicy(site.id);
  const assets = useSiteAssets(site.id);
  const [status, setStatus] = useState<OpenStatusFilter>('all');
  const [search, setSearch] = useState('');
  const [expandedId, setExpandedId] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<Overlay>(null);

  const records = exceptions.data ?? EMPTY;
  const counts = useMemo(() => countExceptions(records), [records]);
  const rows = useMemo(() => exceptionRows(records, { tab, status, search }), [records, tab, status, search]);
  const rules: ExceptionDateRules = { today: todayIn(site.timezone, nowMs), maxDays: policy.data?.maxExceptionDays ?? POLICY_CEILING_DAYS, formatDay };
  const policyKnown = policy.data !== undefined;
  const next = exceptionsNextStep(counts);
  const { refetch } = exceptions;

  // Statuses are computed by the host when read; one that lapsed while the screen stayed open is read again.
  useEffect(() => {
    if (statusesOutdated(records, nowMs)) void refetch();
  }, [nowMs, records, refetch]);

  const showOpen = (filter: OpenStatusFilter) => {
    navigate({ screen: 'exceptions', tab: 'open' });
    setStatus(filter);
  };

  /** Opens one entry's detail, wherever it is listed. */
  const show = (id: number) => {
    const target = records.find((record) => record.id === id);
    if (!target) return;
    navigate({ screen: 'exceptions', tab: isOpen(target) ? 'open' : 'history' });
    setStatus('all');
    setSearch('');
    setExpandedId(id);
    window.requestAnimationFrame(() => document.querySelector(`[data-testid="exception-row-${id}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  // "Show them" filters the open list to what the banner is about; it is offered unless that filter is already on.
  const bannerFilter: OpenStatusFilter | null = next.kind === 'expired' ? 'expired' : next.kind === 'expiring' ? 'expiring_soon' : null;
  const bannerAction = bannerFilter ? (tab === 'open' && status === bannerFilter ? undefined : 'Show them') : next.kind === 'add' ? 'Add exception' : undefined;
  const onBannerAction = () => {
    if (bannerFilter) showOpen(bannerFilter);
    else setOverlay({ kind: 'add' });
  };

  const filtered = search.trim() !== '' || (tab === 'open' && status !== 'all');
  const tabTotal = tab === 'open' ? counts.open : counts.history;

  return (
    <div className="screen" data-testid="exceptions-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 5 · Exceptions</p>
          <h1 className="screen__title">Exception register</h1>
          <p className="screen__subtitle muted">Accepted risks in {site.name}, each with an owner, a reason and an expiry. Policy maximum: {policyKnown ? plural(rules.maxDays, 'day') : '…'}.</p>
        </div>
        <div className="screen__actions">
          <button type="button" className="button button--primary" onClick={() => setOverlay({ kind: 'add' })} data-testid="add-exception">
            <Icon name="plus" />
            Add exception
          </button>
        </div>
      </header>

      <ExceptionTiles counts={counts} filter={tab === 'open' ? status : null} onFilter={showOpen} />

      {exceptions.data ? (
        <NextStepBanner
          text={next.text}
          tone={next.tone}
          actionLabel={bannerAction}
          onAction={onBannerAction}
        />
      ) : null}

      <div className="exceptions-toolbar">
        <nav className="tabs tabs--small" aria-label="Exception lists">
          <button type="button" className="tabs__tab" aria-current={tab === 'open' ? 'page' : undefined} onClick={() => navigate({ screen: 'exceptions', tab: 'open' })} data-testid="exceptions-tab-open">
            Open
            <span className={`tabs__count${counts.expired > 0 ? ' tabs__count--danger' : ''}`} data-testid="exceptions-tab-open-count">
              {formatCount(counts.open)}
            </span>
          </button>
          <button type="button" className="tabs__tab" aria-current={tab === 'history' ? 'page' : undefined} onClick={() => navigate({ screen: 'exceptions', tab: 'history' })} data-testid="exceptions-tab-history">
            Closed &amp; renewed
            <span className="tabs__count" data-testid="exceptions-tab-history-count">
              {formatCount(counts.history)}
            </span>
          </button>
        </nav>
        <div className="toolbar exceptions-toolbar__tools">
          {tab === 'open' && status !== 'all' ? (
            <span className="filter-chip" data-testid="exceptions-filter">
              {EXCEPTION_STATUS_LABELS[status]}
              <button type="button" className="icon-button icon-button--small" aria-label="Show every open exception" onClick={() => setStatus('all')}>
                <Icon name="close" size={12} />
              </button>
            </span>
          ) : null}
          <label className="search-input">
            <Icon name="search" />
            <input type="search" className="search-input__field" aria-label="Search exceptions" placeholder="Search scope, asset, owner, reason" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="exceptions-search" />
          </label>
          <span className="toolbar__count muted" data-testid="exceptions-count">
            {filtered ? `${formatCount(rows.length)} of ${formatCount(tabTotal)}` : plural(tabTotal, 'entry', 'entries')}
          </span>
        </div>
      </div>

      <div className="screen__body screen__body--scroll exceptions-body">
        {exceptions.error && !exceptions.data ? (
          <InlineAlert title="The exception register could not be loaded">{errorMessage(exceptions.error)}</InlineAlert>
        ) : exceptions.loading && !exceptions.data ? (
          <div className="skeleton-block" aria-busy="true" aria-label="Loading exceptions" />
        ) : rows.length > 0 ? (
          <div className="table-scroll exceptions-table-scroll">
            <ExceptionsTable
              rows={rows}
              records={records}
              timeZone={site.timezone}
              nowMs={nowMs}
              expandedId={expandedId}
              onToggle={(id) => setExpandedId((current) => (current === id ? null : id))}
              onShow={show}
              onRenew={(record) => setOverlay({ kind: 'renew', record })}
              onClose={(record) => setOverlay({ kind: 'close', record })}
            />
          </div>
        ) : filtered ? (
          <NoMatchesState
            clearLabel="Clear the filter"
            onClear={() => {
              setSearch('');
              setStatus('all');
            }}
          >
            No {tab === 'open' ? 'open' : 'closed or renewed'} exception matches this {status !== 'all' && tab === 'open' ? 'status and search' : 'search'}.
          </NoMatchesState>
        ) : tab === 'open' ? (
          <div data-testid="exceptions-empty">
            <EmptyState
              icon="exception"
              title={counts.history > 0 ? 'No open exceptions' : 'No exceptions yet'}
              action={
                <button type="button" className="button button--primary" onClick={() => setOverlay({ kind: 'add' })}>
                  Add an exception
                </button>
              }
            >
              Every missed deadline counts as a breach. When a fix truly cannot go in on time, record the exception with its owner, reason and expiry.
            </EmptyState>
          </div>
        ) : (
          <div data-testid="exceptions-empty">
            <EmptyState icon="file" title="No history yet">
              Closed and renewed exceptions stay here, unchanged, for the auditor.
            </EmptyState>
          </div>
        )}
      </div>

      {overlay?.kind === 'add' ? (
        <AddExceptionDialog
          siteId={site.id}
          siteName={site.name}
          timeZone={site.timezone}
          assets={assets.data ?? []}
          rules={rules}
          policyKnown={policyKnown}
          onClose={() => setOverlay(null)}
          onCreated={(created) => {
            setOverlay(null);
            setStatus('all');
            setSearch('');
            navigate({ screen: 'exceptions', tab: 'open' });
            setExpandedId(created.id);
          }}
        />
      ) : null}
      {overlay?.kind === 'renew' ? (
        <RenewExceptionDialog
          record={overlay.record}
          timeZone={site.timezone}
          nowMs={nowMs}
          rules={rules}
          policyKnown={policyKnown}
          onClose={() => setOverlay(null)}
          onRenewed={(renewed) => {
            setOverlay(null);
            setExpandedId(renewed.id);
          }}
        />
      ) : null}
      {overlay?.kind === 'close' ? <CloseExceptionDialog record={overlay.record} timeZone={site.timezone} nowMs={nowMs} onClose={() => setOverlay(null)} /> : null}
    </div>
  );
}
