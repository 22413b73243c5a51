import { useMemo, useState } from 'react';
import { DataGrid } from '../../components/data-grid/data-grid';
import { EMPTY_SELECTION, type GridSelection } from '../../components/data-grid/grid-selection';
import type { GridColumn, SortState } from '../../components/data-grid/grid-types';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { formatCount } from '../../lib/format';
import { filterInstalled, type InstalledRow } from './pending-updates-model';

interface IndexedRow {
  index: number;
  row: InstalledRow;
}

const COLUMNS: readonly GridColumn<IndexedRow>[] = [
  { id: 'name', header: 'Package', width: 'minmax(160px, 2fr)', sortable: false, render: ({ row }) => <span className="cell-strong">{row.name}</span> },
  { id: 'version', header: 'Version', width: 'minmax(140px, 2fr)', sortable: false, render: ({ row }) => <span className="mono" title={row.version}>{row.version}</span> },
  { id: 'arch', header: 'Arch', width: '80px', sortable: false, render: ({ row }) => <span className="muted">{row.arch || '—'}</span> },
  { id: 'source', header: 'Source package', width: 'minmax(120px, 1.4fr)', sortable: false, render: ({ row }) => (row.sourceName && row.sourceName !== row.name ? row.sourceName : <span className="muted">—</span>) },
];

/** Every installed package of a host: thousands on a desktop Linux, so virtualised and searchable. */
export function InstalledPackagesGrid({ rows }: { rows: readonly InstalledRow[] }) {
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<GridSelection>(EMPTY_SELECTION);
  const shown = useMemo(() => filterInstalled(rows, search).map((row, index) => ({ index, row })), [rows, search]);
  const noSort = null as SortState | null;
  return (
    <div className="installed-packages">
      <div className="toolbar">
        <label className="search-input">
          <Icon name="search" />
          <input type="search" className="search-input__field" aria-label="Search installed packages" placeholder="Search name, version, source" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="installed-search" />
        </label>
        <span className="toolbar__count muted" data-testid="installed-count">
          {shown.length === rows.length ? `${formatCount(rows.length)} packages` : `${formatCount(shown.length)} of ${formatCount(rows.length)}`}
        </span>
      </div>
      <div className="installed-packages__grid">
        <DataGrid
          rows={shown}
          columns={COLUMNS}
          rowId={(entry) => entry.index}
          rowLabel={(entry) => entry.row.name}
          label="Installed packages"
          testId="installed-packages"
          sort={noSort}
          onSortChange={() => undefined}
          selection={selection}
          onSelectionChange={setSelection}
          minWidth={560}
          selectable={false}
          empty={
            <EmptyState icon="search" title={rows.length === 0 ? 'No package list' : 'Nothing matches'}>
              {rows.length === 0 ? 'This collection did not include installed packages.' : 'No installed package matches the search.'}
            </EmptyState>
          }
        />
      </div>
    </div>
  );
}
