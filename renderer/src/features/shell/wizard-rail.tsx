import { useMemo } from 'react';
import type { Asset, ExceptionRecord, FleetStatus } from '../../../../shared/contract';
import { Icon } from '../../components/icon';
import { plural } from '../../lib/format';
import { useApiQuery } from '../../api/use-api-query';
import { todayIn } from '../checklist/checklist-dates';
import { checklistRailStatus } from '../checklist/checklist-next-step';
import { evidenceRailStatus } from '../evidence/evidence-rail-status';
import { exceptionsRailStatus } from '../exceptions/exceptions-next-step';
import { overviewRailStatus } from '../overview/overview-entry';
import { useRequiredSite } from '../sites/current-site-context';
import type { Route } from './route';
import { OVERVIEW_ENTRY, WIZARD_STEPS, type WizardStep } from './wizard-steps';

function stepStatus(step: WizardStep, assets: readonly Asset[] | undefined, fleet: FleetStatus | undefined, exceptions: readonly ExceptionRecord[] | undefined): string {
  if (step.id === 'patch-status') return fleet ? patchStatusSummary(fleet) : '';
  if (step.id === 'exceptions') return exceptions ? exceptionsRailStatus(exceptions) : '';
  if (!assets) return '';
  if (step.id === 'inventory') {
    const unreviewed = assets.filter((asset) => asset.status === 'unreviewed').length;
    const active = assets.filter((asset) => asset.status === 'active').length;
    return unreviewed > 0 ? `${plural(unreviewed, 'host')} to review` : plural(active, 'asset');
  }
  if (step.id === 'tiers') {
    const active = assets.filter((asset) => asset.status === 'active');
    // An asset whose tier was set by an override has a tier in force, like the reports count it.
    const unclassified = active.filter((asset) => asset.tier === null).length;
    return active.length === 0 ? 'Needs an inventory' : unclassified > 0 ? `${plural(unclassified, 'asset')} unclassified` : 'All classified';
  }
  return '';
}

/** The patch-status step in a few words: what needs attention first. */
function patchStatusSummary(fleet: FleetStatus): string {
  if (fleet.assets.length === 0) return 'Needs an inventory';
  const never = fleet.counts.never_collected ?? 0;
  if (never === fleet.assets.length) return 'Not collected yet';
  const security = fleet.counts.security_pending ?? 0;
  if (security > 0) return `${plural(security, 'host')} missing security fixes`;
  if (never > 0) return `${plural(never, 'host')} not collected`;
  // Collected once is not measured now: a failed or stale host is a coverage gap.
  const unmeasured = fleet.assets.filter((row) => row.notMeasured).length;
  if (unmeasured > 0) return `${plural(unmeasured, 'host')} not measured`;
  return 'All measured';
}

const STEP_ROUTES: Partial<Record<WizardStep['id'], Route>> = {
  inventory: { screen: 'inventory', view: 'active' },
  tiers: { screen: 'tiers', tab: 'classify' },
  'patch-status': { screen: 'status', tab: 'overview' },
  checklist: { screen: 'checklist', view: 'cycles' },
  exceptions: { screen: 'exceptions', tab: 'open' },
  evidence: { screen: 'evidence', tab: 'build' },
};

/** The product's path as a left rail: the live steps with their status, the rest marked as coming next. */
export function WizardRail({ route, assets, onNavigate }: { route: Route; assets: readonly Asset[] | undefined; onNavigate: (route: Route) => void }) {
  const info = useApiQuery('app:info', {});
  const site = useRequiredSite();
  const fleet = useApiQuery('status:fleet', { siteId: site.id });
  const exceptions = useApiQuery('exceptions:list', { siteId: site.id });
  const cycles = useApiQuery('cycles:list', { siteId: site.id });
  const checklistStatus = cycles.data ? checklistRailStatus(cycles.data, todayIn(site.timezone, Date.now())) : '';
  const packs = useApiQuery('evidence:packs', { siteId: site.id });
  const evidenceStatus = packs.data ? evidenceRailStatus(packs.data, todayIn(site.timezone, Date.now())) : '';
  const statuses = useMemo(() => Object.fromEntries(WIZARD_STEPS.map((step) => [step.id, stepStatus(step, assets, fleet.data, exceptions.data)])), [assets, fleet.data, exceptions.data]);
  const activeStep =
    route.screen === 'inventory' || route.screen === 'scan' ? 'inventory' : route.screen === 'tiers' ? 'tiers' : route.screen === 'status' || route.screen === 'credentials' ? 'patch-status' : route.screen === 'checklist' ? 'checklist' : route.screen === 'exceptions' ? 'exceptions' : route.screen === 'evidence' ? 'evidence' : null;

  return (
    <nav className="rail" aria-label="Steps">
      <button type="button" className="rail__step rail__overview" aria-current={route.screen === 'overview' ? 'page' : undefined} onClick={() => onNavigate({ screen: 'overview' })} data-testid="rail-overview">
        <span className="rail__number rail__number--icon">
          <Icon name={OVERVIEW_ENTRY.icon} size={13} />
        </span>
        <span className="rail__text">
          <span className="rail__title">{OVERVIEW_ENTRY.title}</span>
          <span className="rail__status" data-testid="rail-overview-status">
            {overviewRailStatus(fleet.data) || OVERVIEW_ENTRY.description}
          </span>
        </span>
      </button>
      <ol className="rail__steps">
        {WIZARD_STEPS.map((step, index) =>
          step.available ? (
            <li key={step.id}>
              <button
                type="button"
                className="rail__step"
                aria-current={activeStep === step.id ? 'page' : undefined}
                onClick={() => onNavigate(STEP_ROUTES[step.id] ?? { screen: 'inventory', view: 'active' })}
                data-testid={`rail-${step.id}`}
              >
                <span className="rail__number">{index + 1}</span>
                <span className="rail__text">
                  <span className="rail__title">{step.title}</span>
                  <span className="rail__status" data-testid={`rail-${step.id}-status`}>
                    {(step.id === 'checklist' ? checklistStatus : step.id === 'evidence' ? evidenceStatus : statuses[step.id]) || step.description}
                  </span>
                </span>
              </button>
            </li>
          ) : (
            <li key={step.id}>
              {index > 0 && WIZARD_STEPS[index - 1]?.available ? (
                <span className="rail__divider" aria-hidden="true">
                  Coming next
                </span>
              ) : null}
              <div className="rail__step rail__step--disabled" aria-disabled="true" data-testid={`rail-${step.id}`}>
                <span className="rail__number">{index + 1}</span>
                <span className="rail__text">
                  <span className="rail__title">
                    {step.title}
                    <span className="visually-hidden"> (coming next)</span>
                  </span>
                  <span className="rail__status">{step.description}</span>
                </span>
              </div>
            </li>
          ),
        )}
      </ol>
      <div className="rail__footer">
        <button type="button" className="rail__link" aria-current={route.screen === 'settings' ? 'page' : undefined} onClick={() => onNavigate({ screen: 'settings' })} data-testid="rail-settings">
          <Icon name="settings" />
          Site settings
        </button>
        {info.data ? (
          <span className="rail__version muted">
            Patchdesk {info.data.version} · {info.data.mode === 'desktop' ? 'desktop' : 'browser'}
          </span>
        ) : null}
      </div>
    </nav>
  );
}
