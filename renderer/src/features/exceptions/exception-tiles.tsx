import { formatCount } from '../../lib/format';
import { EXCEPTION_STATUS_HINTS, EXCEPTION_STATUS_LABELS, exceptionStatusTone } from './exception-labels';
import type { ExceptionCounts, OpenStatusFilter } from './exception-list-model';

/** The tiles, most urgent first; scheduled only shows when there is one. */
const TILE_STATUSES: readonly Exclude<OpenStatusFilter, 'all'>[] = ['expired', 'expiring_soon', 'active', 'scheduled'];

/** Open entries by status; a tile filters the open list to its status, a second click shows all. */
export function ExceptionTiles({ counts, filter, onFilter }: { counts: ExceptionCounts; filter: OpenStatusFilter | null; onFilter: (filter: OpenStatusFilter) => void }) {
  const shown = TILE_STATUSES.filter((status) => status !== 'scheduled' || counts.scheduled > 0);
  return (
    <div className="exception-tiles" role="group" aria-label="Filter open exceptions by status" data-testid="exceptions-tiles">
      {shown.map((status) => {
        const count = counts[status];
        const pressed = filter === status;
        const tone = exceptionStatusTone(status);
        return (
          <button
            key={status}
            type="button"
            className={`fleet-tile fleet-tile--${tone}${count === 0 ? ' fleet-tile--zero' : ''}${status === 'expired' && count > 0 ? ' exception-tile--alarm' : ''}`}
            aria-pressed={pressed}
            title={EXCEPTION_STATUS_HINTS[status]}
            onClick={() => onFilter(pressed ? 'all' : status)}
            data-testid={`exceptions-tile-${status}`}
          >
            <span className="fleet-tile__count" data-testid={`exceptions-count-${status}`}>
              {formatCount(count)}
            </span>
            <span className="fleet-tile__label">{EXCEPTION_STATUS_LABELS[status]}</span>
          </button>
        );
      })}
    </div>
  );
}
