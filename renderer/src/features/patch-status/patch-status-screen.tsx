import { EPSS_LIKELY } from '../../../../shared/domain/intel/priority';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AssetPatchStatus } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { DataGrid } from '../../components/data-grid/data-grid';
import type { SortState } from '../../components/data-grid/grid-types';
import { useGridSelection } from '../../components/data-grid/use-grid-selection';
import { EmptyState, NoMatchesState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { NextStepBanner } from '../../components/next-step-banner';
import { ProgressBar } from '../../components/progress-bar';
import { useToast } from '../../components/toast';
import { formatCount, plural } from '../../lib/format';
import { BindCredentialDialog } from '../credentials/bind-credential-dialog';
import { UnlockVaultDialog } from '../credentials/unlock-vault-dialog';
import { useCredentials, useVaultStatus } from '../credentials/use-credentials';
import { AssetDetailDrawer } from '../inventory/asset-detail-drawer';
import { useSiteAssets } from '../inventory/use-assets';
import type { StatusTab } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { AssetPatchDrawer } from './asset-patch-drawer';
import { CollectHistoryTable } from './collect-history-table';
import { CollectLivePanel } from './collect-live-panel';
import { collectionProgress, isCollecting } from './collect-run-state';
import { addressTrack, withColumnWidth } from '../../components/data-grid/address-track';
import { fleetColumns } from './fleet-columns';
import { countStates, filterFleet, sortFleet, type FleetFilter } from './fleet-model';
import { FleetTiles } from './fleet-tiles';
import { HostKeysPanel } from './host-keys-panel';
import { OfflineImportDialog } from './offline-import-dialog';
import { PATCH_STATE_LABELS } from './patch-status-labels';
import { patchStatusNextStep } from './patch-status-next-step';
import { useCurrentCollection, useStartCollection } from './use-collect-jobs';
import { useCollectHistory, useFleetStatus, useHostKeys } from './use-patch-status';
import { useSiteVulnerabilities } from '../triage/use-triage';
import { markPatchStatusCveEnd, markPatchStatusCveStart } from '../inventory/render-metrics';
import { MappingProgressNotice } from '../triage/mapping-progress-notice';
import { intelByAsset, NO_VULNERABILITY_FILTER, type VulnerabilityFilter } from '../triage/vulnerability-model';
import { VulnerabilityFilters } from '../triage/vulnerability-filters';

type Overlay =
  | { kind: 'unlock'; assetIds: number[]; follow: boolean }
  | { kind: 'import' }
  | { kind: 'bind'; assetIds: number[] }
  | { kind: 'edit-asset'; assetId: number }
  | null;

/** The fleet filter plus "assets without an access method", which only the banner asks for. */
type TableFilter = FleetFilter | 'no_access';

const EMPTY: readonly AssetPatchStatus[] = [];

/** Step 3: what every host is missing, collected over SSH/WinRM or from offline files; runs and host keys. */
export function PatchStatusScreen({ tab }: { tab: StatusTab }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const notify = useToast();
  const fleet = useFleetStatus(site.id);
  const assets = useSiteAssets(site.id);
  const credentials = useCredentials(site.id);
  const hostKeys = useHostKeys(site.id);
  const history = useCollectHistory(site.id);
  const vault = useVaultStatus();
  const current = useCurrentCollection(site.id);
  const start = useStartCollection(site.id);
  const [filter, setFilter] = useState<TableFilter>('all');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const vulnerabilities = useSiteVulnerabilities(site.id);
  const [vulnFilter, setVulnFilter] = useState<VulnerabilityFilter>(NO_VULNERABILITY_FILTER);
  const intel = useMemo(() => intelByAsset(vulnerabilities.data), [vulnerabilities.data]);
  const mappingPending = useMemo(() => new Set(fleet.data?.mapping.assetIds ?? []), [fleet.data?.mapping.assetIds]);

  const all = fleet.data?.assets ?? EMPTY;
  const activeAssets = useMemo(() => (assets.data ?? []).filter((asset) => asset.status === 'active'), [assets.data]);
  const tagsById = useMemo(() => new Map(activeAssets.map((asset) => [asset.id, asset.tags])), [activeAssets]);
  const noAccessIds = useMemo(() => new Set(activeAssets.filter((asset) => asset.access.method === 'none').map((asset) => asset.id)), [activeAssets]);
  const counts = useMemo(() => ({ ...countStates(all), ...(fleet.data?.counts ?? {}) }), [all, fleet.data?.counts]);
  const columns = useMemo(() => withColumnWidth(fleetColumns(site.timezone, intel, mappingPending), 'hostname', `minmax(max(150px, ${addressTrack(all.map((row) => row.address))}), 1.6fr)`), [site.timezone, all, intel, mappingPending]);
  const rows = useMemo(() => {
    const scoped = (filter === 'no_access' ? all.filter((row) => noAccessIds.has(row.assetId)) : all).filter((row) => {
      const found = intel.get(row.assetId);
      if (vulnFilter.kevOnly && !(found && found.kevFixes > 0)) return false;
      if (vulnFilter.epssLikely && !(found && found.epss !== null && found.epss > EPSS_LIKELY)) return false;
      return true;
    });
    return sortFleet(filterFleet(scoped, filter === 'no_access' ? 'all' : filter, search, (assetId) => tagsById.get(assetId) ?? []), sort);
  }, [all, filter, noAccessIds, search, sort, intel, vulnFilter, tagsById]);
  const grid = useGridSelection(rows, all, (row: AssetPatchStatus) => row.assetId);
  // The bench's figure (bench/intel/patch-status-ui.bench.ts): from the render that first has the rows and their CVE data to its commit.
  const withCves = fleet.data !== undefined && vulnerabilities.data !== undefined && rows.length > 0;
  const cveMark = useRef<'none' | 'started' | 'done'>('none');
  if (withCves && cveMark.current === 'none') {
    // Render-phase mark on purpose: the measure must include React rendering the rows.
    cveMark.current = 'started';
    markPatchStatusCveStart();
  }
  useLayoutEffect(() => {
    if (!withCves || cveMark.current !== 'started') return;
    cveMark.current = 'done';
    markPatchStatusCveEnd(rows.length);
  }, [withCves, rows.length]);
  const changedKeys = (hostKeys.data ?? []).filter((record) => record.state === 'changed').length;
  const running = current ? isCollecting(current) : false;
  const next = patchStatusNextStep({
    activeAssets: activeAssets.length,
    credentials: credentials.data?.length ?? 0,
    withoutAccess: noAccessIds.size,
    neverCollected: all.filter((row) => row.state === 'never_collected' && !noAccessIds.has(row.assetId)).length,
    changedHostKeys: changedKeys,
    securityPending: counts.security_pending ?? 0,
  });
  const ready = fleet.data !== undefined && assets.data !== undefined && credentials.data !== undefined && hostKeys.data !== undefined;

  const runCollection = async (assetIds: number[], follow: boolean) => {
    try {
      const started = await start.run({ siteId: site.id, assetIds });
      notify({ tone: 'success', text: `Collecting ${plural(started.hostsTotal, 'host')}` });
      if (follow) navigate({ screen: 'status', tab: 'runs' });
    } catch (error) {
      notify({ tone: 'danger', text: errorMessage(error) });
    }
  };

  /** Collection opens secrets, so a locked vault is unlocked first, then the same run starts. */
  const collect = (assetIds: number[], follow = true) => {
    const status = vault.data;
    if (status?.initialized && !status.unlocked) setOverlay({ kind: 'unlock', assetIds, follow });
    else void runCollection(assetIds, follow);
  };

  const onBannerAction = () => {
    switch (next.kind) {
      case 'hostkeys':
        return navigate({ screen: 'status', tab: 'hostkeys' });
      case 'inventory':
        return navigate({ screen: 'inventory', view: 'unreviewed' });
      case 'credential':
        return navigate({ screen: 'credentials' });
      case 'access':
        navigate({ screen: 'status', tab: 'overview' });
        setSearch('');
        return setFilter('no_access');
      case 'collect':
      case 'done':
        return collect([]);
      case 'security':
        navigate({ screen: 'status', tab: 'overview' });
        setSort(null);
        return setFilter('security_pending');
    }
  };
  const bannerLabel: Record<typeof next.kind, string> = {
    hostkeys: 'Review host keys',
    inventory: 'Go to inventory',
    credential: 'Add a credential',
    access: 'Show them',
    collect: 'Collect now',
    security: 'Show them',
    done: 'Collect now',
  };

  const selectedIds = grid.selectedIds;

  return (
    <div className="screen" data-testid="patch-status-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 3 · Patch status</p>
          <h1 className="screen__title">Patch status</h1>
        </div>
        <nav className="tabs tabs--header" aria-label="Patch status sections">
          <button type="button" className="tabs__tab" aria-current={tab === 'overview' ? 'page' : undefined} onClick={() => navigate({ screen: 'status', tab: 'overview' })} data-testid="status-tab-overview">
            Overview
          </button>
          <button type="button" className="tabs__tab" aria-current={tab === 'runs' ? 'page' : undefined} onClick={() => navigate({ screen: 'status', tab: 'runs' })} data-testid="status-tab-runs">
            Collection runs
            {running ? <span className="tabs__count">live</span> : null}
          </button>
          <button type="button" className="tabs__tab" aria-current={tab === 'hostkeys' ? 'page' : undefined} onClick={() => navigate({ screen: 'status', tab: 'hostkeys' })} data-testid="status-tab-hostkeys">
            Host keys
            {changedKeys > 0 ? (
              <span className="tabs__count tabs__count--warning" data-testid="status-tab-hostkeys-count">
                {changedKeys}
              </span>
            ) : null}
          </button>
        </nav>
        <div className="screen__actions">
          <button type="button" className="button button--primary" disabled={running || start.pending} onClick={() => collect(selectedIds)} data-testid="collect-now">
            <Icon name="refresh" />
            {running ? 'Collecting…' : selectedIds.length > 0 ? `Collect ${plural(selectedIds.length, 'host')}` : 'Collect now'}
          </button>
          <button type="button" className="button" onClick={() => setOverlay({ kind: 'import' })} data-testid="open-offline-import">
            <Icon name="upload" />
            Import file
          </button>
          <button type="button" className="button" onClick={() => navigate({ screen: 'credentials' })} data-testid="open-credentials">
            <Icon name="lock" />
            Credentials
          </button>
        </div>
      </header>

      {ready ? <NextStepBanner text={next.text} tone={next.tone} actionLabel={next.kind === 'hostkeys' && tab === 'hostkeys' ? undefined : bannerLabel[next.kind]} onAction={onBannerAction} /> : null}

      {tab === 'overview' ? (
        <>
          {current && running ? (
            <div className="collect-strip" data-testid="collect-strip">
              <span className="spinner" aria-hidden="true" />
              <span>
                Collecting: {formatCount(collectionProgress(current).finished)} of {formatCount(collectionProgress(current).total)} hosts finished
              </span>
              <ProgressBar value={collectionProgress(current).finished} max={Math.max(1, collectionProgress(current).total)} label="Hosts finished" />
              <button type="button" className="link-button" onClick={() => navigate({ screen: 'status', tab: 'runs' })}>
                Follow the run
              </button>
            </div>
          ) : null}
          <MappingProgressNotice mapping={fleet.data?.mapping} testId="fleet-mapping-progress" />
          <FleetTiles counts={counts} filter={filter === 'no_access' ? 'all' : filter} onFilter={setFilter} />
          <div className="toolbar">
            <label className="search-input">
              <Icon name="search" />
              <input type="search" className="search-input__field" aria-label="Search hosts" placeholder="Search host, address, OS, tag, tier 1, error" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="fleet-search" />
            </label>
            {filter !== 'all' ? (
              <span className="filter-chip" data-testid="fleet-filter">
                {filter === 'no_access' ? 'No access method' : PATCH_STATE_LABELS[filter]}
                <button type="button" className="icon-button icon-button--small" aria-label="Show all hosts" onClick={() => setFilter('all')}>
                  <Icon name="close" size={12} />
                </button>
              </span>
            ) : null}
            <VulnerabilityFilters filter={vulnFilter} onChange={setVulnFilter} />
            <span className="toolbar__count muted" data-testid="fleet-count">
              {rows.length === all.length ? plural(all.length, 'host') : `${formatCount(rows.length)} of ${plural(all.length, 'host')}`}
            </span>
          </div>
          {fleet.error && !fleet.data ? (
            <InlineAlert title="The patch status could not be loaded">{errorMessage(fleet.error)}</InlineAlert>
          ) : (
            <div className="screen__table">
              <DataGrid
                rows={rows}
                columns={columns}
                rowId={(row) => row.assetId}
                rowLabel={(row) => row.hostname || row.address || `asset ${row.assetId}`}
                label="Patch status per host"
                testId="fleet-table"
                sort={sort}
                onSortChange={setSort}
                selection={grid.selection}
                onSelectionChange={grid.setSelection}
                onOpen={(row) => setOpenId(row.assetId)}
                minWidth={900}
                empty={
                  fleet.loading ? (
                    <div className="skeleton-block" aria-busy="true" aria-label="Loading patch status" />
                  ) : all.length === 0 ? (
                    <EmptyState icon="patch" title="No assets to collect yet">
                      Patch status covers the assets in your inventory. Accept found hosts or add assets first.
                    </EmptyState>
                  ) : (
                    <NoMatchesState
                      clearLabel="Show all hosts"
                      onClear={() => {
                        setFilter('all');
                        setSearch('');
                      }}
                    >
                      No host matches this filter and search.
                    </NoMatchesState>
                  )
                }
              />
              {selectedIds.length > 0 ? (
                <div className="bulk-bar" role="toolbar" aria-label="Selected hosts" data-testid="fleet-bulk-bar">
                  <strong data-testid="fleet-bulk-count">{plural(selectedIds.length, 'host')} selected</strong>
                  <div className="bulk-bar__actions">
                    <button type="button" className="button button--primary" disabled={running || start.pending} onClick={() => collect(selectedIds)} data-testid="fleet-bulk-collect">
                      Collect these
                    </button>
                    <button type="button" className="button" disabled={(credentials.data?.length ?? 0) === 0} title={(credentials.data?.length ?? 0) === 0 ? 'Add a credential first' : undefined} onClick={() => setOverlay({ kind: 'bind', assetIds: selectedIds })} data-testid="fleet-bulk-bind">
                      Bind a credential…
                    </button>
                    <button type="button" className="button" onClick={() => navigate({ screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: selectedIds })} data-testid="fleet-bulk-deploy">
                      Deploy…
                    </button>
                    <button type="button" className="button button--ghost" onClick={grid.clear}>
                      Clear
                    </button>
                  </div>
                </div>
              ) : null}
            </div>
          )}
        </>
      ) : null}

      {tab === 'runs' ? (
        <div className="screen__body screen__body--scroll">
          <CollectLivePanel run={current} onOpenHost={setOpenId} />
          <section className="card" aria-labelledby="collect-history-title">
            <h2 id="collect-history-title" className="card__title">
              Previous runs
            </h2>
            {history.error && !history.data ? <InlineAlert title="Run history could not be loaded">{errorMessage(history.error)}</InlineAlert> : <CollectHistoryTable runs={history.data ?? []} />}
          </section>
        </div>
      ) : null}

      {tab === 'hostkeys' ? (
        <div className="screen__body screen__body--scroll">
          {hostKeys.error && !hostKeys.data ? <InlineAlert title="Host keys could not be loaded">{errorMessage(hostKeys.error)}</InlineAlert> : <HostKeysPanel records={hostKeys.data ?? []} loading={hostKeys.loading} />}
        </div>
      ) : null}

      {openId !== null ? (
        <AssetPatchDrawer
          assetId={openId}
          onClose={() => setOpenId(null)}
          onCollect={(assetId) => collect([assetId], false)}
          onEditAccess={(assetId) => setOverlay({ kind: 'edit-asset', assetId })}
          collecting={running || start.pending}
        />
      ) : null}
      {overlay?.kind === 'unlock' ? (
        <UnlockVaultDialog
          reason="Collecting opens the stored credentials, so the vault must be unlocked."
          onClose={() => setOverlay(null)}
          onUnlocked={() => {
            const { assetIds, follow } = overlay;
            setOverlay(null);
            void runCollection(assetIds, follow);
          }}
        />
      ) : null}
      {overlay?.kind === 'import' ? (
        <OfflineImportDialog
          siteId={site.id}
          assets={assets.data ?? []}
          onClose={() => setOverlay(null)}
          onOpenHost={(assetId) => {
            setOverlay(null);
            setOpenId(assetId);
          }}
        />
      ) : null}
      {overlay?.kind === 'bind' ? (
        <BindCredentialDialog
          credentials={credentials.data ?? []}
          assets={assets.data ?? []}
          initialAssetIds={overlay.assetIds}
          onClose={() => {
            setOverlay(null);
            grid.clear();
          }}
        />
      ) : null}
      {overlay?.kind === 'edit-asset' ? <AssetDetailDrawer assetId={overlay.assetId} onClose={() => setOverlay(null)} /> : null}
    </div>
  );
}
