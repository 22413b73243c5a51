import { useMemo, useState } from 'react';
import type { AssetRing } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { RINGS, type Ring } from '../../../../shared/domain/cycles/rings';
import { useRequiredSite } from '../sites/current-site-context';
import { ASSET_CLASS_LABELS, CADENCE_LABELS, RING_HINTS, RING_LABELS } from './checklist-labels';
import { assetsToMove, filterRings, ringCounts, toggleAllVisible, toggleSelected, type RingFilter } from './rings-model';
import { useRings, useSetRings } from './use-cycles';

const EMPTY: readonly AssetRing[] = [];

/**
 * Which assets get updates first: the test ring, then the pilot ring, then everyone (broad, where
 * any asset nobody assigned is). One select per asset, and a bulk change for the selected ones.
 */
export function RingsPanel() {
  const site = useRequiredSite();
  const rings = useRings(site.id);
  const setRings = useSetRings();
  const notify = useToast();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<RingFilter>('all');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkRing, setBulkRing] = useState<Ring>('test');
  const [error, setError] = useState<string | null>(null);

  const all = rings.data ?? EMPTY;
  const counts = useMemo(() => ringCounts(all), [all]);
  const rows = useMemo(() => filterRings(all, search, filter), [all, search, filter]);
  const allVisibleSelected = rows.length > 0 && rows.every((row) => selected.has(row.assetId));
  const moving = assetsToMove(all, selected, bulkRing);

  const assign = async (assetIds: number[], ring: Ring, label: string) => {
    setError(null);
    try {
      const result = await setRings.run({ siteId: site.id, assetIds, ring });
      notify({ tone: 'success', text: `${label}: ${result.updated} ${result.updated === 1 ? 'asset' : 'assets'} in the ${RING_LABELS[ring].toLowerCase()} ring` });
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    }
  };

  return (
    <section className="card settings-card" data-testid="rings-panel">
      <h2 className="card__title">Deployment rings</h2>
      <p className="muted small settings-card__lead">Updates go to the test ring first, then the pilot ring, then broad. The checklist’s test and pilot steps refer to these groups; each ring can have its own maintenance windows.</p>
      <div className="ring-tiles" role="group" aria-label="Filter by ring">
        {RINGS.map((ring) => (
          <button
            key={ring}
            type="button"
            className={`ring-tile ring-tile--${ring}`}
            aria-pressed={filter === ring}
            onClick={() => setFilter(filter === ring ? 'all' : ring)}
            data-testid={`ring-filter-${ring}`}
          >
            <span className="ring-tile__count" data-testid={`ring-count-${ring}`}>
              {counts[ring]}
            </span>
            <span className="ring-tile__label">{RING_LABELS[ring]}</span>
            <span className="ring-tile__hint">{RING_HINTS[ring]}</span>
          </button>
        ))}
      </div>

      <div className="toolbar rings-toolbar">
        <label className="search-input">
          <Icon name="search" />
          <input type="search" className="search-input__field" aria-label="Search assets" placeholder="Search name or class" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="rings-search" />
        </label>
        {filter !== 'all' ? (
          <span className="filter-chip">
            {RING_LABELS[filter]} ring
            <button type="button" className="icon-button icon-button--small" aria-label="Show every ring" onClick={() => setFilter('all')}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ) : null}
        <div className="rings-bulk" data-testid="rings-bulk">
          <span className="small">{selected.size > 0 ? `${selected.size} selected` : 'Select assets to move them together'}</span>
          <select className="select" aria-label="Ring for the selected assets" value={bulkRing} disabled={selected.size === 0} onChange={(event) => setBulkRing(event.target.value as Ring)} data-testid="rings-bulk-ring">
            {RINGS.map((ring) => (
              <option key={ring} value={ring}>
                {RING_LABELS[ring]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small button--primary"
            disabled={moving.length === 0 || setRings.pending}
            onClick={() =>
              void assign(moving, bulkRing, 'Moved').then((ok) => {
                if (ok) setSelected(new Set());
              })
            }
            data-testid="rings-bulk-apply"
          >
            {moving.length > 0 ? `Move ${moving.length}` : 'Move'}
          </button>
        </div>
      </div>

      {error ? (
        <InlineAlert title="Not changed" testId="rings-error">
          {error}
        </InlineAlert>
      ) : null}

      {rings.error && !rings.data ? (
        <InlineAlert title="The rings could not be loaded">{errorMessage(rings.error)}</InlineAlert>
      ) : !rings.data ? (
        <div className="skeleton-block" aria-busy="true" aria-label="Loading rings" />
      ) : all.length === 0 ? (
        <p className="muted small">No active assets yet. Accept hosts into the inventory, then put a few in the test ring.</p>
      ) : (
        <div className="table-scroll rings-table-scroll">
          <table className="simple-table rings-table" data-testid="rings-table">
            <thead>
              <tr>
                <th scope="col" className="rings-table__check">
                  <input type="checkbox" aria-label="Select every listed asset" checked={allVisibleSelected} onChange={() => setSelected(toggleAllVisible(selected, rows))} data-testid="rings-select-all" />
                </th>
                <th scope="col">Asset</th>
                <th scope="col">Class</th>
                <th scope="col">Cadence</th>
                <th scope="col" className="rings-table__ring">
                  Ring
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.assetId} className={selected.has(row.assetId) ? 'is-selected' : undefined} data-testid={`ring-row-${row.assetId}`} data-ring={row.ring}>
                  <td className="rings-table__check">
                    <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.assetId)} onChange={() => setSelected(toggleSelected(selected, row.assetId))} />
                  </td>
                  <td className="cell-strong">{row.name}</td>
                  <td>{ASSET_CLASS_LABELS[row.assetClass]}</td>
                  <td className="muted">{CADENCE_LABELS[row.cadence]}</td>
                  <td className="rings-table__ring">
                    <select
                      className={`select select--compact ring-select ring-select--${row.ring}`}
                      aria-label={`Ring of ${row.name}`}
                      value={row.ring}
                      disabled={setRings.pending}
                      onChange={(event) => void assign([row.assetId], event.target.value as Ring, row.name)}
                      data-testid={`ring-select-${row.assetId}`}
                    >
                      {RINGS.map((ring) => (
                        <option key={ring} value={ring}>
                          {RING_LABELS[ring]}
                          {ring === 'broad' && !row.assigned ? ' (default)' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="table-note muted">No asset matches.</p> : null}
        </div>
      )}
    </section>
  );
}
