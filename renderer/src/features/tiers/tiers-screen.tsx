import { useMemo, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import type { SortState } from '../../components/data-grid/grid-types';
import { EMPTY_SELECTION } from '../../components/data-grid/grid-selection';
import { useGridSelection } from '../../components/data-grid/use-grid-selection';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { NextStepBanner } from '../../components/next-step-banner';
import { SegmentedControl } from '../../components/segmented-control';
import { formatCount } from '../../lib/format';
import { AssetDetailDrawer } from '../inventory/asset-detail-drawer';
import { AssetTable } from '../inventory/asset-table';
import { filterAssets, NO_FILTERS } from '../inventory/asset-table-model';
import { useSiteAssets } from '../inventory/use-assets';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { ClassifyPanel } from './classify-panel';
import { OverrideDialog } from './override-dialog';
import { PolicyEditor } from './policy-editor';
import { addressTrack, withColumnWidth } from '../../components/data-grid/address-track';
import { TIER_COLUMNS } from './tier-columns';
import { filterTierList, tierableAssets, type TierListFilter } from './tier-model';
import { TierRuleTable } from './tier-rule-table';
import { sortTierList } from './tier-sort';
import { tiersNextStep } from './tiers-next-step';

const EMPTY: readonly Asset[] = [];

/** Step 2: classify assets into risk tiers (in bulk), override with a reason, and edit the patch policy. */
export function TiersScreen({ tab }: { tab: 'classify' | 'policy' }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const assetsQuery = useSiteAssets(site.id);
  const active = useMemo(() => tierableAssets(assetsQuery.data ?? EMPTY), [assetsQuery.data]);
  const [filter, setFilter] = useState<TierListFilter>('all');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const [dialog, setDialog] = useState<'set' | 'clear' | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const columns = useMemo(() => withColumnWidth(TIER_COLUMNS, 'hostname', addressTrack(active.map((asset) => asset.addresses[0] ?? ''))), [active]);
  const rows = useMemo(() => sortTierList(filterAssets(filterTierList(active, filter), { ...NO_FILTERS, search }), sort), [active, filter, search, sort]);
  const grid = useGridSelection(rows, active, (asset: Asset) => asset.id);
  const selected = useMemo(() => active.filter((asset) => grid.selection.selected.has(asset.id)), [active, grid.selection.selected]);
  const unclassified = active.filter((asset) => asset.classification === null).length;
  const overridden = active.filter((asset) => asset.tierOverride !== null).length;
  const next = tiersNextStep(active.length, unclassified);

  const startClassifying = () => {
    navigate({ screen: 'tiers', tab: 'classify' });
    setFilter('unclassified');
    setSearch('');
    const ids = active.filter((asset) => asset.classification === null).map((asset) => asset.id);
    grid.setSelection({ ...EMPTY_SELECTION, selected: new Set(ids), base: new Set(ids) });
  };

  return (
    <div className="screen" data-testid="tiers-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 2 · Risk tiers</p>
          <h1 className="screen__title">Risk tiers</h1>
        </div>
        <nav className="tabs tabs--header" aria-label="Risk tier sections">
          <button type="button" className="tabs__tab" aria-current={tab === 'classify' ? 'page' : undefined} onClick={() => navigate({ screen: 'tiers', tab: 'classify' })} data-testid="tiers-tab-classify">
            Classify assets
          </button>
          <button type="button" className="tabs__tab" aria-current={tab === 'policy' ? 'page' : undefined} onClick={() => navigate({ screen: 'tiers', tab: 'policy' })} data-testid="tiers-tab-policy">
            Patch policy
          </button>
        </nav>
      </header>

      {next.kind === 'policy' && tab === 'policy' ? (
        <NextStepBanner
          text="Set the deadlines you will be held to and save them. Then collect patch status: every missing fix gets its due date from this policy."
          actionLabel="Go to patch status"
          onAction={() => navigate({ screen: 'status', tab: 'overview' })}
        />
      ) : (
        <NextStepBanner
          text={next.text}
          actionLabel={next.kind === 'inventory' ? 'Go to inventory' : next.kind === 'classify' ? 'Select them' : 'Open the policy'}
          onAction={() => (next.kind === 'inventory' ? navigate({ screen: 'inventory', view: 'unreviewed' }) : next.kind === 'classify' ? startClassifying() : navigate({ screen: 'tiers', tab: 'policy' }))}
        />
      )}

      {tab === 'policy' ? (
        <div className="screen__body screen__body--scroll">
          <div className="tiers-policy-layout">
            <PolicyEditor site={site} />
            <TierRuleTable />
          </div>
        </div>
      ) : (
        <div className="tiers-layout">
          <div className="tiers-layout__main">
            <TierRuleTable />
            <div className="toolbar">
              <label className="search-input">
                <Icon name="search" />
                <input type="search" className="search-input__field" aria-label="Search assets" placeholder="Search hostname, address, owner, tag, OS" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="tiers-search" />
              </label>
              <SegmentedControl
                label="Show"
                value={filter}
                onChange={setFilter}
                testId="tiers-filter"
                options={[
                  { value: 'all', label: `All (${formatCount(active.length)})` },
                  { value: 'unclassified', label: `Unclassified (${formatCount(unclassified)})` },
                  { value: 'overridden', label: `Overridden (${formatCount(overridden)})` },
                ]}
              />
            </div>
            {assetsQuery.error && !assetsQuery.data ? (
              <InlineAlert title="The assets could not be loaded">{errorMessage(assetsQuery.error)}</InlineAlert>
            ) : (
              <div className="screen__table">
                <AssetTable
                  key={site.id}
                  testId="tier-table"
                  measure={false}
                  minWidth={740}
                  label="Assets and their tiers"
                  rows={rows}
                  columns={columns}
                  sort={sort}
                  onSortChange={setSort}
                  selection={grid.selection}
                  onSelectionChange={grid.setSelection}
                  onOpen={(asset) => setOpenId(asset.id)}
                  empty={
                    assetsQuery.loading ? (
                      <div className="skeleton-block" aria-busy="true" aria-label="Loading assets" />
                    ) : active.length === 0 ? (
                      <EmptyState icon="tiers" title="No assets to classify yet">
                        Only assets in the inventory get a tier. Accept found hosts or add assets first.
                      </EmptyState>
                    ) : (
                      <EmptyState icon="check" title="Nothing here">
                        No asset matches this filter.
                      </EmptyState>
                    )
                  }
                />
              </div>
            )}
          </div>
          <ClassifyPanel selected={selected} onOverride={() => setDialog('set')} onClearOverride={() => setDialog('clear')} onDone={grid.clear} />
        </div>
      )}
      {dialog ? <OverrideDialog mode={dialog} assets={selected} onClose={() => setDialog(null)} onDone={grid.clear} /> : null}
      {openId !== null ? <AssetDetailDrawer assetId={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
