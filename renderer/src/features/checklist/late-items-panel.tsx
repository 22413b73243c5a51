import type { LateCycleItem } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { CYCLE_KIND_LABELS, CYCLE_KIND_TONES } from './checklist-labels';
import { dayCount, formatDayShort } from './checklist-dates';

/** At most this many rows; the rest are counted. */
const SHOWN = 6;

/**
 * Pending checklist items past their due day across the site's open cycles, most overdue first.
 * Shown on the checklist and meant for any overview that must surface late work; `names` gives
 * the cycles' display names ("November 2026") when the caller has the list.
 */
export function LateItemsPanel({ items, today, names, onOpen }: { items: readonly LateCycleItem[]; today: string; names?: ReadonlyMap<number, string>; onOpen: (item: LateCycleItem) => void }) {
  if (items.length === 0) return null;
  return (
    <section className="late-items" aria-label="Late checklist items" data-testid="late-items">
      <h2 className="late-items__title">
        Late items <span className="late-items__count">{items.length}</span>
      </h2>
      <ul className="late-items__list">
        {items.slice(0, SHOWN).map((item) => (
          <li key={`${item.cycleId}-${item.key}`}>
            <button type="button" className="late-items__item" onClick={() => onOpen(item)} data-testid="late-item" data-cycle-id={item.cycleId} data-key={item.key}>
              <span className="late-items__name">{item.title}</span>
              <Badge tone={CYCLE_KIND_TONES[item.cycleKind]}>{CYCLE_KIND_LABELS[item.cycleKind]}</Badge>
              <span className="muted small truncate">{names?.get(item.cycleId) ?? item.cycleTitle}</span>
              <span className="late-items__when">
                due {formatDayShort(item.dueDate, today)} · <strong>late by {dayCount(item.daysLate + 1)}</strong>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {items.length > SHOWN ? <p className="muted small">and {items.length - SHOWN} more</p> : null}
    </section>
  );
}
