/**
 * Reporting periods in a site's local calendar: the request's bounds (a day or an instant) read
 * as instants, the default period (the 30 local days ending now), and the monthly points of the
 * trend.
 */
import { addLocalDays, formatInstant, formatLocalDate, localDateOf, parseInstant, startOfLocalDay, type LocalDate } from '../../../shared/domain/sla/local-time';
import { AppError } from '../../platform/app-error';

/** Days in the default period: today (so far) and the 29 local days before it. */
export const DEFAULT_PERIOD_DAYS = 30;

/** Points in the trend. */
export const TREND_MONTHS = 12;

/** A period [from, to) as instants, with its first and last local day. */
export interface ResolvedPeriod {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
  /** The local day the period starts on. */
  fromDate: string;
  /** The last local day inside the period. */
  toDate: string;
}

/** One month of the trend: [fromMs, toMs), the last one ending at the period's end. */
export interface TrendMonth {
  /** `YYYY-MM`. */
  month: string;
  fromMs: number;
  toMs: number;
  /** True when the month ends at its natural end (not cut short by the period). */
  complete: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayOf(value: string): LocalDate | null {
  const match = DAY.exec(value);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/**
 * A bound as an instant: a day means the start of that local day for `from` and the end of it
 * (the next local midnight) for `to`; an instant is taken as it is.
 *
 * @throws AppError (bad_request) when the text is neither.
 */
export function boundToMs(value: string, timeZone: string, edge: 'from' | 'to'): number {
  const day = dayOf(value.trim());
  if (day) return startOfLocalDay(edge === 'from' ? day : addLocalDays(day, 1), timeZone);
  try {
    return parseInstant(value.trim());
  } catch {
    throw new AppError('bad_request', `${edge}: "${value}" is not a day (YYYY-MM-DD) or an ISO-8601 instant with an offset`, [{ path: edge, message: 'expected YYYY-MM-DD or an ISO-8601 instant' }]);
  }
}

/**
 * The period a request asks for, in the site's zone: `to` defaults to now, `from` to the start of
 * the local day `DEFAULT_PERIOD_DAYS - 1` days before `to`'s last day.
 *
 * @throws AppError (bad_request) for unreadable bounds or a period that does not end after it starts.
 */
export function resolvePeriod(request: { from?: string | undefined; to?: string | undefined }, timeZone: string, nowMs: number): ResolvedPeriod {
  const toMs = request.to ? boundToMs(request.to, timeZone, 'to') : nowMs;
  const fromMs = request.from ? boundToMs(request.from, timeZone, 'from') : startOfLocalDay(addLocalDays(localDateOf(toMs - 1, timeZone), -(DEFAULT_PERIOD_DAYS - 1)), timeZone);
  if (toMs <= fromMs) {
    const day = (ms: number) => formatLocalDate(localDateOf(ms, timeZone));
    throw new AppError(
      'bad_request',
      `the period must end after it starts: it runs from ${formatInstant(fromMs)} to ${formatInstant(toMs)} (local days ${day(fromMs)} to ${day(toMs - 1)} in ${timeZone})`,
      [{ path: 'to', message: 'must be after from' }],
    );
  }
  return {
    fromMs,
    toMs,
    from: formatInstant(fromMs),
    to: formatInstant(toMs),
    fromDate: formatLocalDate(localDateOf(fromMs, timeZone)),
    toDate: formatLocalDate(localDateOf(toMs - 1, timeZone)),
  };
}

/** The start of the local month `offset` months after the one containing `date`. */
function monthStart(date: LocalDate, offset: number, timeZone: string): { ms: number; label: string } {
  const index = date.year * 12 + (date.month - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ms: startOfLocalDay({ year, month, day: 1 }, timeZone), label: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` };
}

/**
 * The trend's months, oldest first: the local month holding the period's last instant, cut at
 * the period's end, and the `count - 1` whole months before it.
 */
export function trendMonths(toMs: number, timeZone: string, count = TREND_MONTHS): TrendMonth[] {
  const last = localDateOf(toMs - 1, timeZone);
  const months: TrendMonth[] = [];
  for (let offset = -(count - 1); offset <= 0; offset++) {
    const start = monthStart(last, offset, timeZone);
    const end = monthStart(last, offset + 1, timeZone).ms;
    months.push({ month: start.label, fromMs: start.ms, toMs: Math.min(end, toMs), complete: end <= toMs });
  }
  return months;
}
