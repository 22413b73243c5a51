import { useMemo, useState } from 'react';
import type { CycleSummary } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { NextStepBanner } from '../../components/next-step-banner';
import { useToast } from '../../components/toast';
import { DeployHome, DeployPlanView } from '../deploy/deploy-screen';
import { RolloutView } from '../deploy/rollout-view';
import { useSiteAssets } from '../inventory/use-assets';
import type { Route } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { formatMonth } from './checklist-dates';
import { checklistNextStep } from './checklist-next-step';
import { ChecklistSettings } from './checklist-settings';
import { CycleDetailView } from './cycle-detail';
import { baselineOffer, cycleName, sortCycles } from './cycle-list-model';
import { CyclesTable } from './cycles-table';
import { LateItemsPanel } from './late-items-panel';
import { OpenEmergencyDialog } from './open-emergency-dialog';
import { useCycleSettings, useCycles, useLateItems, useOpenBaseline } from './use-cycles';
import { useSiteClock } from './use-site-clock';

/** The checklist step's part of the route. */
export type ChecklistRoute = Extract<Route, { screen: 'checklist' }>;

const EMPTY: readonly CycleSummary[] = [];

/**
 * Step 4: the monthly checklist. The cycles of the site (this month's baseline, emergencies, and
 * the closed ones as history), each cycle's checklist, and the settings behind them: the anchor
 * day, the checklist templates, the rings and the maintenance windows.
 */
export function ChecklistScreen({ route }: { route: ChecklistRoute }) {
  if (route.view === 'cycle') return <CycleDetailView cycleId={route.cycleId} />;
  if (route.view === 'rollout') return <RolloutView rolloutId={route.rolloutId} />;
  return <ChecklistHome route={route} />;
}

function ChecklistHome({ route }: { route: Exclude<ChecklistRoute, { view: 'cycle' | 'rollout' }> }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const notify = useToast();
  const { nowMs, today } = useSiteClock(site.timezone);
  const cycles = useCycles(site.id);
  const late = useLateItems(site.id);
  const settings = useCycleSettings(site.id);
  const assets = useSiteAssets(site.id);
  const openBaseline = useOpenBaseline();
  const [emergencyOpen, setEmergencyOpen] = useState(false);

  const all = cycles.data ?? EMPTY;
  const sorted = useMemo(() => sortCycles(all), [all]);
  const month = today.slice(0, 7);
  const offer = cycles.data ? baselineOffer(all, today) : null;
  const anchors = settings.data?.upcomingAnchors ?? [];
  const next = checklistNextStep({ cycles: all, today, anchorDate: anchors.find((each) => each.month === month)?.anchorDate, nextAnchorDate: anchors.find((each) => each.month > month)?.anchorDate });

  const openMonth = async (target: string) => {
    try {
      const cycle = await openBaseline.run({ siteId: site.id, month: target });
      notify({ tone: 'success', text: `The ${formatMonth(target)} cycle is open` });
      navigate({ screen: 'checklist', view: 'cycle', cycleId: cycle.id });
    } catch (caught) {
      notify({ tone: 'danger', text: errorMessage(caught) });
    }
  };

  const onBanner = () => {
    if (next.kind === 'open-baseline' && next.month) void openMonth(next.month);
    else if (next.cycleId !== undefined) navigate({ screen: 'checklist', view: 'cycle', cycleId: next.cycleId });
  };

  return (
    <div className="screen" data-testid="checklist-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 4 · Monthly checklist</p>
          <h1 className="screen__title">Patch cycles</h1>
          <p className="screen__subtitle muted">
            A baseline cycle each month from the {settings.data ? settings.data.anchorLabel : 'anchor day'}, and emergency cycles for what cannot wait. Times in {site.timezone}.
          </p>
        </div>
        {route.view === 'cycles' ? (
          <div className="screen__actions">
            {offer ? (
              <button type="button" className={`button${offer.primary ? ' button--primary' : ''}`} disabled={openBaseline.pending} onClick={() => void openMonth(offer.month)} data-testid="open-baseline-cycle" data-month={offer.month}>
                <Icon name="plus" />
                {openBaseline.pending ? 'Opening…' : `Open the ${formatMonth(offer.month)} cycle`}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setEmergencyOpen(true)} data-testid="open-emergency-cycle">
              <Icon name="alert" />
              Open emergency cycle…
            </button>
          </div>
        ) : null}
      </header>
      <nav className="tabs checklist-tabs" aria-label="Checklist sections">
        <button type="button" className="tabs__tab" aria-current={route.view === 'cycles' ? 'page' : undefined} onClick={() => navigate({ screen: 'checklist', view: 'cycles' })} data-testid="checklist-tab-cycles">
          Cycles
          {cycles.data ? (
            <span className="tabs__count" title="Open cycles" data-testid="checklist-tab-cycles-count">
              {all.filter((cycle) => cycle.status === 'open').length}
            </span>
          ) : null}
        </button>
        <button type="button" className="tabs__tab" aria-current={route.view === 'deploy' || route.view === 'deploy-plan' ? 'page' : undefined} onClick={() => navigate({ screen: 'checklist', view: 'deploy' })} data-testid="checklist-tab-deploy">
          Deploy
        </button>
        <button type="button" className="tabs__tab" aria-current={route.view === 'settings' ? 'page' : undefined} onClick={() => navigate({ screen: 'checklist', view: 'settings', section: 'schedule' })} data-testid="checklist-tab-settings">
          Settings
        </button>
      </nav>

      {route.view === 'settings' ? (
        <ChecklistSettings section={route.section} />
      ) : route.view === 'deploy' ? (
        <DeployHome />
      ) : route.view === 'deploy-plan' ? (
        <DeployPlanView cycleId={route.cycleId} assetIds={route.assetIds} {...(route.fixes ? { fixes: route.fixes } : {})} />
      ) : (
        <>
          {cycles.data ? <NextStepBanner text={next.text} tone={next.tone} actionLabel={next.actionLabel} onAction={onBanner} /> : null}
          <div className="screen__body screen__body--scroll checklist-home">
            {late.data && late.data.length > 0 ? <LateItemsPanel items={late.data} today={today} names={new Map(all.map((cycle) => [cycle.id, cycleName(cycle)]))} onOpen={(item) => navigate({ screen: 'checklist', view: 'cycle', cycleId: item.cycleId })} /> : null}
            {cycles.error && !cycles.data ? (
              <InlineAlert title="The cycles could not be loaded">{errorMessage(cycles.error)}</InlineAlert>
            ) : !cycles.data ? (
              <div className="skeleton-block" aria-busy="true" aria-label="Loading cycles" />
            ) : sorted.length === 0 ? (
              <div data-testid="cycles-empty">
                <EmptyState icon="checklist" title="No patch cycle yet">
                  Each month’s cycle walks the practice: inventory, review and approval, test and pilot rings, broad deployment, a verification rescan, the compliance report and the weekly review. Opening one copies this site’s checklist with its due days.
                </EmptyState>
              </div>
            ) : (
              <CyclesTable cycles={sorted} today={today} timeZone={site.timezone} currentMonth={month} onOpen={(cycle) => navigate({ screen: 'checklist', view: 'cycle', cycleId: cycle.id })} />
            )}
          </div>
        </>
      )}

      {emergencyOpen ? (
        <OpenEmergencyDialog
          siteId={site.id}
          siteName={site.name}
          timeZone={site.timezone}
          today={today}
          nowMs={nowMs}
          assets={assets.data ?? []}
          onClose={() => setEmergencyOpen(false)}
          onOpened={(cycle) => {
            setEmergencyOpen(false);
            navigate({ screen: 'checklist', view: 'cycle', cycleId: cycle.id });
          }}
        />
      ) : null}
    </div>
  );
}
