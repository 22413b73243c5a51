import { formatCount } from '../../lib/format';
import { INVENTORY_VIEWS, type InventoryView } from '../shell/route';
import { VIEW_DEFINITIONS } from './asset-views';

/** The inventory lists as tabs, each with its count. */
export function InventoryViewTabs({ view, counts, onChange }: { view: InventoryView; counts: Record<InventoryView, number>; onChange: (view: InventoryView) => void }) {
  return (
    <nav className="tabs" aria-label="Inventory lists">
      {INVENTORY_VIEWS.map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="tabs__tab"
          aria-current={candidate === view ? 'page' : undefined}
          onClick={() => onChange(candidate)}
          data-testid={`view-${candidate}`}
        >
          <span>{VIEW_DEFINITIONS[candidate].label}</span>
          <span className={`tabs__count${candidate === 'unreviewed' && counts.unreviewed > 0 ? ' tabs__count--attention' : ''}`} data-testid={`view-${candidate}-count`}>
            {formatCount(counts[candidate])}
          </span>
        </button>
      ))}
    </nav>
  );
}
