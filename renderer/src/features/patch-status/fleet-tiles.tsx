import type { PatchState } from '../../../../shared/contract';
import { formatCount } from '../../lib/format';
import type { FleetFilter } from './fleet-model';
import { PATCH_STATE_HINTS, PATCH_STATE_LABELS, PATCH_STATE_ORDER, PATCH_STATE_TONES } from './patch-status-labels';

/** One tile per bucket; clicking one filters the table to it, clicking it again shows all. */
export function FleetTiles({ counts, filter, onFilter }: { counts: Record<PatchState, number>; filter: FleetFilter; onFilter: (filter: FleetFilter) => void }) {
  return (
    <div className="fleet-tiles" role="group" aria-label="Filter by patch state" data-testid="fleet-tiles">
      {PATCH_STATE_ORDER.map((state) => {
        const count = counts[state] ?? 0;
        const active = filter === state;
        return (
          <button
            key={state}
            type="button"
            className={`fleet-tile fleet-tile--${PATCH_STATE_TONES[state]}${count === 0 ? ' fleet-tile--zero' : ''}`}
            aria-pressed={active}
            title={PATCH_STATE_HINTS[state]}
            onClick={() => onFilter(active ? 'all' : state)}
            data-testid={`tile-${state}`}
          >
            <span className="fleet-tile__count" data-testid={`tile-${state}-count`}>
              {formatCount(count)}
            </span>
            <span className="fleet-tile__label">{PATCH_STATE_LABELS[state]}</span>
          </button>
        );
      })}
    </div>
  );
}
