import { useMemo, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import type { SortState } from '../../components/data-grid/grid-types';
import { useGridSelection } from '../../components/data-grid/use-grid-selection';
import { EmptyState, NoMatchesState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { MenuButton } from '../../components/menu-button';
import { NextStepBanner } from '../../components/next-step-banner';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { CsvImportDialog } from '../import-export/csv-import-dialog';
import { ExportMenu } from '../import-export/export-menu';
import { NmapImportDialog } from '../import-export/nmap-import-dialog';
import type { InventoryView } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { AddAssetDialog } from './add-asset-dialog';
import { addressTrack, withColumnWidth } from '../../components/data-grid/address-track';
import { ASSET_COLUMNS } from './asset-columns';
import { AssetDetailDrawer } from './asset-detail-drawer';
import { AssetTable } from './asset-table';
import { filterAssets, hasFilters, NO_FILTERS, sortAssets, type AssetFilters } from './asset-table-model';
import { AssetToolbar } from './asset-toolbar';
import { assetsInView, countViews, VIEW_DEFINITIONS } from './asset-views';
import { BulkActionsBar } from './bulk-actions-bar';
import { inventoryNextStep } from './inventory-next-step';
import { InventoryViewTabs } from './inventory-view-tabs';
import { RetireDialog } from './retire-dialog';
import { SetAccessDialog } from './set-access-dialog';
import { useReviewAssets, useSiteAssets } from './use-assets';

type Overlay = { kind: 'add' } | { kind: 'csv' } | { kind: 'nmap' } | { kind: 'retire'; ids: number[] } | { kind: 'access'; ids: number[] } | null;

const EMPTY: readonly Asset[] = [];

/** Step 1: the inventory lists, search and filters, bulk review, detail, add, scan, import and export. */
export function InventoryScreen({ view }: { view: InventoryView }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const assetsQuery = useSiteAssets(site.id);
  const all = assetsQuery.data ?? EMPTY;
  const [filters, setFilters] = useState<AssetFilters>(NO_FILTERS);
  const [sort, setSort] = useState<SortState | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const review = useReviewAssets();
  const notify = useToast();

  const counts = useMemo(() => countViews(all), [all]);
  const unclassified = useMemo(() => all.filter((asset) => asset.status === 'active' && asset.tier === null).length, [all]);
  const inView = useMemo(() => assetsInView(all, view), [all, view]);
  const rows = useMemo(() => sortAssets(filterAssets(inView, filters), sort), [inView, filters, sort]);
  // Sized to every asset in the view, so filtering does not make the column jump.
  const columns = useMemo(() => withColumnWidth(ASSET_COLUMNS, 'addresses', addressTrack(inView.map((asset) => asset.addresses[0] ?? ''))), [inView]);
  // Selection is kept within the list: an asset that leaves it (accepted, retired) leaves the selection.
  const grid = useGridSelection(rows, inView, (asset: Asset) => asset.id);
  const next = inventoryNextStep(site, counts, unclassified);

  const changeView = (nextView: InventoryView) => {
    grid.clear();
    navigate({ screen: 'inventory', view: nextView });
  };

  const decide = async (decision: 'accept' | 'dismiss') => {
    const ids = grid.selectedIds;
    try {
      const result = await review.run({ ids, decision });
      notify({ tone: 'success', text: decision === 'accept' ? `Accepted ${plural(result.updated, 'host')} into the inventory` : `Dismissed ${plural(result.updated, 'host')}` });
      grid.clear();
    } catch (error) {
      notify({ tone: 'danger', text: errorMessage(error) });
    }
  };

  return (
    <div className="screen" data-testid="inventory-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 1 · Inventory</p>
          <h1 className="screen__title">Inventory</h1>
        </div>
        <div className="screen__actions">
          <button type="button" className="button button--primary" onClick={() => navigate({ screen: 'scan' })} data-testid="open-scan">
            <Icon name="scan" />
            Scan network
          </button>
          <button type="button" className="button" onClick={() => setOverlay({ kind: 'add' })} data-testid="add-asset">
            <Icon name="plus" />
            Add asset
          </button>
          <MenuButton
            label="Import"
            icon={<Icon name="upload" />}
            testId="import-menu"
            items={[
              { label: 'CSV file', description: 'Map columns to inventory fields', onSelect: () => setOverlay({ kind: 'csv' }), testId: 'import-csv' },
              { label: 'nmap XML', description: 'A report saved with nmap -oX', onSelect: () => setOverlay({ kind: 'nmap' }), testId: 'import-nmap' },
            ]}
          />
          <ExportMenu siteId={site.id} />
        </div>
      </header>

      {next.kind === 'view' && next.view === view ? (
        <NextStepBanner
          text={view === 'unreviewed' ? `${next.text}: select what you manage and accept it, dismiss the rest` : next.text}
          actionLabel="Select all"
          onAction={() => {
            const ids = rows.map((asset) => asset.id);
            grid.setSelection({ ...grid.selection, selected: new Set(ids), base: new Set(ids) });
          }}
        />
      ) : (
        <NextStepBanner
          text={next.text}
          actionLabel={next.kind === 'scan' ? 'Run a scan' : next.kind === 'tiers' ? 'Go to risk tiers' : `Open ${VIEW_DEFINITIONS[next.view].label.toLowerCase()}`}
          onAction={() => (next.kind === 'scan' ? navigate({ screen: 'scan' }) : next.kind === 'tiers' ? navigate({ screen: 'tiers', tab: 'classify' }) : changeView(next.view))}
        />
      )}

      <InventoryViewTabs view={view} counts={counts} onChange={changeView} />
      <p className="view-description muted">{VIEW_DEFINITIONS[view].description}</p>
      <AssetToolbar filters={filters} onChange={setFilters} shown={rows.length} total={inView.length} />

      {assetsQuery.error && !assetsQuery.data ? (
        <InlineAlert title="The inventory could not be loaded">{errorMessage(assetsQuery.error)}</InlineAlert>
      ) : (
        <div className="screen__table">
          <AssetTable
            key={`${site.id}-${view}`}
            rows={rows}
            columns={columns}
            sort={sort}
            onSortChange={setSort}
            selection={grid.selection}
            onSelectionChange={grid.setSelection}
            onOpen={(asset) => setOpenId(asset.id)}
            label={`${VIEW_DEFINITIONS[view].label} assets`}
            empty={
              assetsQuery.loading ? (
                <div className="skeleton-block" aria-busy="true" aria-label="Loading assets" />
              ) : hasFilters(filters) && inView.length > 0 ? (
                <NoMatchesState clearLabel="Clear filters" onClear={() => setFilters(NO_FILTERS)}>
                  No asset in this list matches the search and filters.
                </NoMatchesState>
              ) : (
                <ViewEmptyState view={view} onScan={() => navigate({ screen: 'scan' })} onAdd={() => setOverlay({ kind: 'add' })} onImport={() => setOverlay({ kind: 'csv' })} />
              )
            }
          />
          <BulkActionsBar
            view={view}
            count={grid.selectedIds.length}
            busy={review.pending}
            onAccept={() => void decide('accept')}
            onDismiss={() => void decide('dismiss')}
            onRetire={() => setOverlay({ kind: 'retire', ids: grid.selectedIds })}
            onSetAccess={() => setOverlay({ kind: 'access', ids: grid.selectedIds })}
            onClear={grid.clear}
          />
        </div>
      )}

      {openId !== null ? <AssetDetailDrawer assetId={openId} onClose={() => setOpenId(null)} /> : null}
      {overlay?.kind === 'add' ? <AddAssetDialog siteId={site.id} onClose={() => setOverlay(null)} /> : null}
      {overlay?.kind === 'csv' ? <CsvImportDialog siteId={site.id} onClose={() => setOverlay(null)} /> : null}
      {overlay?.kind === 'nmap' ? <NmapImportDialog siteId={site.id} onClose={() => setOverlay(null)} /> : null}
      {overlay?.kind === 'access' ? <SetAccessDialog ids={overlay.ids} onClose={() => setOverlay(null)} onDone={grid.clear} /> : null}
      {overlay?.kind === 'retire' ? <RetireDialog ids={overlay.ids} onClose={() => setOverlay(null)} onDone={grid.clear} /> : null}
    </div>
  );
}

function ViewEmptyState({ view, onScan, onAdd, onImport }: { view: InventoryView; onScan: () => void; onAdd: () => void; onImport: () => void }) {
  switch (view) {
    case 'active':
      return (
        <EmptyState
          icon="inventory"
          title="No assets in the inventory yet"
          action={
            <>
              <button type="button" className="button button--primary" onClick={onScan}>
                Scan the network
              </button>
              <button type="button" className="button" onClick={onImport}>
                Import a CSV
              </button>
              <button type="button" className="button" onClick={onAdd}>
                Add by hand
              </button>
            </>
          }
        >
          Scan the site's networks, import a list you already have, or add hosts by hand. Found hosts wait in Unreviewed until you accept them.
        </EmptyState>
      );
    case 'unreviewed':
      return <EmptyState icon="check" title="Nothing waiting for review">Every host a scan or import found is either in your inventory or dismissed.</EmptyState>;
    case 'stale':
      return <EmptyState icon="check" title="No stale hosts">Every host answered in recent scans.</EmptyState>;
    case 'dismissed':
      return <EmptyState icon="inventory" title="Nothing dismissed">Hosts you dismiss from Unreviewed are kept here, so scans do not raise them again.</EmptyState>;
    case 'retired':
      return <EmptyState icon="inventory" title="Nothing retired">Retired assets leave the inventory but keep their history here.</EmptyState>;
  }
}
