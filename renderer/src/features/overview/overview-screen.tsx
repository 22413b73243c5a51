import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { formatDay, todayIn } from '../exceptions/exception-dates';
import { useNow } from '../exceptions/use-now';
import { formatRoute } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { buildAttentionList } from './attention-list';
import { CoverageGapsCard } from './coverage-gaps-card';
import { AttentionPanel } from './attention-panel';
import { isWithoutCollections, overdueChartData, tierChartData, tierTableRows, trendChartData } from './chart-data';
import { kpiTiles } from './kpi-model';
import { KpiTiles } from './kpi-tiles';
import { KevMissingCard } from '../triage/kev-missing-card';
import { FeedAgeNotice } from '../intel-feeds/feed-age-notice';
import { MappingProgressNotice } from '../triage/mapping-progress-notice';
import { OverdueChart } from './overdue-chart';
import { OverdueTable } from './overdue-table';
import { recallPeriod, rememberPeriod } from './period-memory';
import { PeriodSelector } from './period-selector';
import { presetRange, summaryRequest, type DayRange, type PeriodPreset } from './period-presets';
import { TierChart } from './tier-chart';
import { TierTable } from './tier-table';
import { TrendChart } from './trend-chart';
import { useChartPalette } from './use-chart-palette';
import { useComplianceSummary } from './use-overview';

const STATUS_HREF = formatRoute({ screen: 'status', tab: 'overview' });

/**
 * The site's compliance at a glance, for a period: headline figures that link to where each is
 * fixed, what needs attention now, the picture per tier and over twelve months, and every number
 * also as a table.
 */
export function OverviewScreen() {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const today = todayIn(site.timezone, useNow());
  const [preset, setPresetState] = useState<PeriodPreset>(() => recallPeriod(site.id)?.preset ?? 'last30');
  const [custom, setCustomState] = useState<DayRange>(() => recallPeriod(site.id)?.custom ?? presetRange('last30', today));
  const choose = (nextPreset: PeriodPreset, nextCustom: DayRange) => {
    setPresetState(nextPreset);
    setCustomState(nextCustom);
    rememberPeriod(site.id, { preset: nextPreset, custom: nextCustom });
  };
  const [attentionExpanded, setAttentionExpanded] = useState(false);
  const [overdueExpanded, setOverdueExpanded] = useState(false);
  const palette = useChartPalette();

  const range = preset === 'custom' ? custom : presetRange(preset, today);
  const request = summaryRequest(site.id, range, today);
  const summary = useComplianceSummary(request);
  const data = summary.data;

  const view = useMemo(() => {
    if (!data) return null;
    return {
      tiles: kpiTiles(data),
      attention: buildAttentionList(data),
      tierRows: tierChartData(data),
      overdueRows: overdueChartData(data),
      trendRows: trendChartData(data),
      tableRows: tierTableRows(data),
      empty: isWithoutCollections(data),
    };
  }, [data]);

  const periodText = data ? `${formatDay(data.period.fromDate)} – ${formatDay(data.period.toDate)}` : `${formatDay(range.from)} – ${formatDay(range.to > today ? today : range.to)}`;

  return (
    <div className="screen overview" data-testid="overview-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Overview</p>
          <h1 className="screen__title">Compliance</h1>
          <p className="screen__subtitle muted">
            {site.name} · <span data-testid="overview-period-text">{periodText}</span> · days in {site.timezone}
            {summary.fetching && data ? <span className="overview__updating"> · updating…</span> : null}
          </p>
        </div>
        <PeriodSelector
          preset={preset}
          custom={custom}
          today={today}
          onPreset={(next) => choose(next, next === 'custom' && preset !== 'custom' ? range : custom)}
          onCustom={(next) => choose('custom', next)}
        />
      </header>

      <div className="screen__body screen__body--scroll overview__body">
        <FeedAgeNotice siteId={site.id} onOpenFeeds={() => navigate({ screen: 'settings' })} />
        {summary.error ? (
          <InlineAlert title="The compliance figures could not be loaded" testId="overview-error">
            {errorMessage(summary.error)}
          </InlineAlert>
        ) : null}
        {!view ? (
          summary.error ? null : <div className="skeleton-block overview__skeleton" aria-busy="true" aria-label="Loading compliance figures" />
        ) : view.empty ? (
          <div className="overview__empty" data-testid="overview-empty">
            <EmptyState
              icon="patch"
              title="Collect patch status to see compliance"
              action={
                <button type="button" className="button button--primary" onClick={() => navigate({ screen: 'status', tab: 'overview' })} data-testid="overview-empty-action">
                  Open patch status
                </button>
              }
            >
              The dashboard measures what the hosts report: how much is fully patched, what is within its SLA, what is overdue and for how long. Collect from your hosts over SSH or WinRM, or import an offline file, and the figures appear here.
            </EmptyState>
          </div>
        ) : (
          <>
            <MappingProgressNotice mapping={summary.data?.mapping} testId="overview-mapping-progress" />
            <KpiTiles tiles={view.tiles} />
            <KevMissingCard siteId={site.id} onTriage={(cve) => navigate({ screen: 'triage', id: cve })} />
            <div className="overview-grid">
              <div className="overview-grid__main">
                <TrendChart rows={view.trendRows} palette={palette} />
              </div>
              <div className="overview-grid__side">
                <AttentionPanel list={view.attention} expanded={attentionExpanded} onToggle={() => setAttentionExpanded((value) => !value)} />
              </div>
              <div className="overview-grid__half">
                <TierChart rows={view.tierRows} palette={palette} />
              </div>
              <div className="overview-grid__half">
                <OverdueChart rows={view.overdueRows} palette={palette} />
              </div>
              <div className="overview-grid__full">
                {data ? <CoverageGapsCard summary={data} statusHref={STATUS_HREF} /> : null}
              </div>
              <div className="overview-grid__full">
                <TierTable rows={view.tableRows} />
              </div>
              <div className="overview-grid__full">
                {data ? <OverdueTable overdue={data.overdue} expanded={overdueExpanded} onToggle={() => setOverdueExpanded((value) => !value)} statusHref={STATUS_HREF} /> : null}
              </div>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
