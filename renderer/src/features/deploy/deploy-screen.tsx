import { useMemo } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useCycle, useRings } from '../checklist/use-cycles';
import { useSiteClock } from '../checklist/use-site-clock';
import { cycleName } from '../checklist/cycle-list-model';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { plural } from '../../lib/format';
import { useSiteAssets } from '../inventory/use-assets';
import { useTriage } from '../triage/use-triage';
import { fixingAssetIds, initialDraft } from './deploy-plan-model';
import { PlanForm } from './plan-form';
import { RolloutHistory } from './rollout-history';
import { useRollouts } from './use-rollouts';

/** The Deploy tab of the checklist: the site's rollouts, and a button to plan a new one. */
export function DeployHome() {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const rollouts = useRollouts(site.id);
  return (
    <div className="screen__body screen__body--scroll deploy-body" data-testid="deploy-home">
      <div className="toolbar">
        <p className="muted small">Install pending updates ring by ring, with a preview before approval and rollback after. Plan from Patch status (select hosts, then Deploy…) or from here for all hosts.</p>
        <button type="button" className="button button--primary" onClick={() => navigate({ screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: [] })} data-testid="deploy-new">
          <Icon name="plus" />
          Plan a rollout…
        </button>
      </div>
      {rollouts.error && !rollouts.data ? (
        <InlineAlert title="The rollouts could not be loaded">{errorMessage(rollouts.error)}</InlineAlert>
      ) : !rollouts.data ? (
        <div className="skeleton-block" aria-busy="true" aria-label="Loading rollouts" />
      ) : rollouts.data.length === 0 ? (
        <EmptyState icon="checklist" title="No rollout yet">
          A rollout installs the selected updates on the test ring first, then pilot, then broad, stopping at each gate you set and when the failure budget is spent.
        </EmptyState>
      ) : (
        <RolloutHistory rollouts={rollouts.data} onOpen={(rollout) => navigate({ screen: 'checklist', view: 'rollout', rolloutId: rollout.id })} />
      )}
    </div>
  );
}

/**
 * A new plan, pre-filled from Patch status's selection, a cycle, or a triage (`fixes`): a plan for
 * an emergency cycle's trigger or a triaged id takes exactly the updates that fix it, on the hosts
 * triage shows with a fix pending (those of the cycle's scope or the selection, when given).
 */
export function DeployPlanView({ cycleId, assetIds, fixes: fixesAsked }: { cycleId: number | null; assetIds: readonly number[]; fixes?: string }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const { today } = useSiteClock(site.timezone);
  const rings = useRings(site.id);
  const cycle = useCycle(cycleId);
  const fixes = fixesAsked ?? (cycle.data?.kind === 'emergency' ? (cycle.data.trigger?.ref ?? null) : null);
  const triage = useTriage(site.id, fixes);
  const assets = useSiteAssets(site.id);
  const networkDevices = useMemo(() => new Set((assets.data ?? []).filter((asset) => asset.deviceType === 'network-device').map((asset) => asset.id)), [assets.data]);
  const waiting = !rings.data || (!assets.data && !assets.error) || (cycleId !== null && !cycle.data && !cycle.error) || (fixes !== null && !triage.data && !triage.error);
  const initial = useMemo(() => {
    if (waiting || !rings.data) return null;
    const scope = cycle.data ? cycle.data.scope.map((asset) => asset.assetId) : [];
    let chosen = assetIds.length > 0 ? assetIds : scope;
    const affected = triage.data ? fixingAssetIds(triage.data.assets) : null;
    if (affected) chosen = chosen.length > 0 ? chosen.filter((assetId) => affected.includes(assetId)) : affected;
    const draft = initialDraft({ membership: rings.data, assetIds: chosen, cycle: cycle.data ? { id: cycle.data.id, title: cycleName(cycle.data), emergency: cycle.data.kind === 'emergency' } : null, today, fixes: affected ? fixes : null });
    // No host with a fix pending: an empty plan would say nothing; show why instead.
    return affected && affected.length === 0 ? { ...draft, rings: [] } : draft;
  }, [waiting, rings.data, cycle.data, assetIds, today, triage.data, fixes]);

  return (
    <div className="screen__body screen__body--scroll deploy-body" data-testid="deploy-plan">
      {fixes && triage.data ? (
        <InlineAlert tone="info" title={cycle.data ? `From ${cycleName(cycle.data)}` : `From the triage of ${fixes}`}>
          The plan takes exactly the pending updates that fix {fixes} on the {plural(fixingAssetIds(triage.data.assets).length, 'host')} triage shows with a fix pending.{cycle.data ? ' Ticks the cycle’s deployment items when it completes.' : ''}
        </InlineAlert>
      ) : cycle.data?.trigger ? (
        <InlineAlert tone="info" title={`From ${cycleName(cycle.data)}`}>
          Trigger {cycle.data.trigger.ref}: the plan takes the security updates pending on the cycle’s hosts. Ticks the cycle’s deployment items when it completes.
        </InlineAlert>
      ) : null}
      {triage.error ? <InlineAlert title={`The triage of ${fixes ?? ''} failed`}>{errorMessage(triage.error)}</InlineAlert> : null}
      {rings.error ? <InlineAlert title="The rings could not be loaded">{errorMessage(rings.error)}</InlineAlert> : null}
      {initial ? <PlanForm key={`${cycleId ?? ''}:${assetIds.join(',')}:${fixes ?? ''}`} siteId={site.id} initial={initial} membership={rings.data ?? []} networkDevices={networkDevices} onPlanned={(rolloutId) => navigate({ screen: 'checklist', view: 'rollout', rolloutId })} /> : <div className="skeleton-block" aria-busy="true" aria-label="Loading the rings" />}
    </div>
  );
}
