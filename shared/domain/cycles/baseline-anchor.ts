/**
 * The baseline anchor: the day each month's baseline cycle is counted from. By default the second
 * Tuesday (Microsoft's and many vendors' release day, "Patch Tuesday"); a site may choose another
 * weekday, another week, or a fixed offset (a shop patching the Saturday after Patch Tuesday uses
 * offset +4). Pure calendar arithmetic: no clock, no time zone except where an instant is asked for.
 */
import { addLocalDays, startOfLocalDay, type LocalDate, type TimeInterval, formatInstant } from '../sla/local-time';
import { WEEKDAY_NAMES, weekdayIndex, type Weekday } from './weekdays';
import { addMonths, daysInMonth, weekdayIndexOf, type YearMonth } from './year-month';

/** Which occurrence of the weekday: 1-4, or -1 for the last one in the month. */
export type WeekdayOccurrence = 1 | 2 | 3 | 4 | -1;

/** The allowed occurrences (a fifth weekday exists only in some months, so "last" stands in for it). */
export const WEEKDAY_OCCURRENCES: readonly WeekdayOccurrence[] = [1, 2, 3, 4, -1];

/** How a site anchors its monthly baseline cycle. */
export interface BaselineAnchor {
  weekday: Weekday;
  nth: WeekdayOccurrence;
  /** Days added to that weekday (-14..14): +4 for "the Saturday after the second Tuesday". */
  offsetDays: number;
}

/** The second Tuesday of the month. */
export const DEFAULT_BASELINE_ANCHOR: BaselineAnchor = { weekday: 'tue', nth: 2, offsetDays: 0 };

/** The largest offset, either way, an anchor may have. */
export const MAX_ANCHOR_OFFSET_DAYS = 14;

/**
 * The nth given weekday of a month (`nth` -1: the last one).
 *
 * @throws RangeError for an occurrence other than 1-4 or -1.
 */
export function nthWeekdayOfMonth(month: YearMonth, weekday: Weekday, nth: WeekdayOccurrence): LocalDate {
  if (!WEEKDAY_OCCURRENCES.includes(nth)) throw new RangeError(`occurrence ${String(nth)} is not 1-4 or -1 (last)`);
  const target = weekdayIndex(weekday);
  if (nth === -1) {
    const lastDay = daysInMonth(month);
    const lastWeekday = weekdayIndexOf({ year: month.year, month: month.month, day: lastDay });
    return { year: month.year, month: month.month, day: lastDay - ((lastWeekday - target + 7) % 7) };
  }
  const firstWeekday = weekdayIndexOf({ year: month.year, month: month.month, day: 1 });
  return { year: month.year, month: month.month, day: 1 + ((target - firstWeekday + 7) % 7) + (nth - 1) * 7 };
}

/** The anchor day of a month's baseline cycle (it may fall in the next month with a large offset). */
export function baselineAnchorDate(month: YearMonth, anchor: BaselineAnchor = DEFAULT_BASELINE_ANCHOR): LocalDate {
  return addLocalDays(nthWeekdayOfMonth(month, anchor.weekday, anchor.nth), anchor.offsetDays);
}

/**
 * The period a month's baseline cycle covers: from the start of its anchor day to the start of the
 * next month's anchor day, in the site's time zone. The fixes released at one anchor are the
 * cycle's work until the next release; a verification rescan counts when it falls in this period.
 */
export function baselinePeriod(month: YearMonth, anchor: BaselineAnchor, timeZone: string): TimeInterval {
  return {
    from: formatInstant(startOfLocalDay(baselineAnchorDate(month, anchor), timeZone)),
    to: formatInstant(startOfLocalDay(baselineAnchorDate(addMonths(month, 1), anchor), timeZone)),
  };
}

const ORDINALS: Record<WeekdayOccurrence, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

/** A label for an anchor: "second Tuesday", "last Friday + 1 day", "second Tuesday − 2 days". */
export function describeBaselineAnchor(anchor: BaselineAnchor): string {
  const base = `${ORDINALS[anchor.nth]} ${WEEKDAY_NAMES[anchor.weekday]}`;
  if (anchor.offsetDays === 0) return base;
  const days = Math.abs(anchor.offsetDays);
  return `${base} ${anchor.offsetDays > 0 ? '+' : '−'} ${days} day${days === 1 ? '' : 's'}`;
}
