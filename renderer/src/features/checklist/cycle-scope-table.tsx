import { useState } from 'react';
import type { CycleScopeAsset } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { Icon } from '../../components/icon';
import { ASSET_CLASS_LABELS, CADENCE_LABELS, RING_LABELS } from './checklist-labels';

/** More rows than this start folded. */
const FOLDED = 12;

/** The assets a cycle covers, with class, cadence, ring and whether they are due this time. */
export function CycleScopeTable({ scope, kind }: { scope: readonly CycleScopeAsset[]; kind: 'baseline' | 'emergency' }) {
  const [showAll, setShowAll] = useState(false);
  const due = scope.filter((asset) => asset.due).length;
  const rows = [...scope].sort((a, b) => Number(b.due) - Number(a.due) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const shown = showAll ? rows : rows.slice(0, FOLDED);
  return (
    <section className="cycle-scope" data-testid="cycle-scope">
      <h2 className="section-title">
        Scope · {scope.length} {scope.length === 1 ? 'asset' : 'assets'}
        {kind === 'baseline' ? `, ${due} due this cycle` : ''}
      </h2>
      {scope.length === 0 ? (
        <p className="muted small">No active assets. Accept hosts into the inventory to bring them into the cycle.</p>
      ) : (
        <div className="table-scroll">
          <table className="simple-table cycle-scope__table">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Class</th>
                <th scope="col">Cadence</th>
                <th scope="col">Ring</th>
                <th scope="col">This cycle</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((asset) => (
                <tr key={asset.assetId} data-testid="cycle-scope-row" data-asset-id={asset.assetId}>
                  <td className="cell-strong">{asset.name}</td>
                  <td>{ASSET_CLASS_LABELS[asset.assetClass]}</td>
                  <td>{CADENCE_LABELS[asset.cadence]}</td>
                  <td>
                    <span className={`ring-chip ring-chip--${asset.ring}`}>{RING_LABELS[asset.ring]}</span>
                  </td>
                  <td>{asset.due ? <Badge tone="info">Due</Badge> : <span className="muted small">Not due ({CADENCE_LABELS[asset.cadence].toLowerCase()})</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > FOLDED ? (
            <button type="button" className="link-button table-note" onClick={() => setShowAll((current) => !current)} data-testid="cycle-scope-more">
              <Icon name={showAll ? 'chevronDown' : 'chevronRight'} size={12} />
              {showAll ? 'Show fewer' : `Show all ${rows.length}`}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
