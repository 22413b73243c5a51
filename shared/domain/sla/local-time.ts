/**
 * Instants and a site's local calendar. SLA deadlines are counted in the site's local days, so
 * these helpers turn UTC instants into local dates and local dates back into instants, using only
 * `Intl.DateTimeFormat` with a `timeZone` (the runtime's IANA database). Pure: nothing here reads
 * the clock; every instant comes from the caller.
 */

/** Milliseconds in a 24-hour day. Used for exact durations, never for calendar arithmetic. */
export const DAY_MS = 86_400_000;

const HOUR_MS = 3_600_000;

/** A calendar date in some time zone, month 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A half-open time interval [from, to) between two ISO-8601 instants. */
export interface TimeInterval {
  from: string;
  to: string;
}

// An explicit offset is required: without one, Date.parse reads the string in the runtime's own
// zone, and the same data would give different deadlines on different machines.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an ISO-8601 instant with an explicit offset (`2026-01-31T23:30:00Z`,
 * `2026-01-31T23:30:00+01:00`) to epoch milliseconds.
 *
 * @throws RangeError for anything else, including a date without a time or offset.
 */
export function parseInstant(value: string): number {
  const ms = readInstant(value);
  if (ms === null) throw new RangeError(`"${value}" is not an ISO-8601 instant with an offset (such as 2026-01-31T23:30:00Z)`);
  return ms;
}

/** Whether a string is an instant `parseInstant` accepts. */
export function isInstant(value: string): boolean {
  return readInstant(value) !== null;
}

function readInstant(value: string): number | null {
  if (!INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  // V8 reads 2026-02-30 as 2 March; a day that does not exist is a typo, not a date.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(2000, month - 1, day));
  check.setUTCFullYear(year, month - 1, day);
  if (!Number.isFinite(ms) || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms;
}

/** Formats epoch milliseconds as the ISO-8601 UTC instant stored everywhere. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats a local date as `YYYY-MM-DD`. */
export function formatLocalDate(date: LocalDate): string {
  const year = String(date.year).padStart(4, '0');
  return `${year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Epoch milliseconds of a wall-clock reading taken as if it were UTC (years below 100 included). */
function wallClockAsUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Creating a DateTimeFormat is far slower than using one, and a fleet report asks for thousands
// of conversions in a handful of zones; the cache holds no state that affects results.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
      out[part.type] = Number(part.value);
    }
  }
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in winter: +3 600 000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  // The formatter drops milliseconds, so compare against the instant truncated to its second.
  const truncated = ms - (((ms % 1000) + 1000) % 1000);
  const w = wallClock(truncated, timeZone);
  return wallClockAsUtc(w.year, w.month, w.day, w.hour, w.minute, w.second) - truncated;
}

/**
 * The local calendar date of an instant in an IANA time zone.
 *
 * @throws RangeError for an unknown time zone (from Intl).
 */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  const w = wallClock(ms, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** The date `days` calendar days after (or before, if negative) a date; month ends and leap years included. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(wallClockAsUtc(date.year, date.month, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `a` to `b` (positive when `b` is later), independent of any time zone. */
export function localDaysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((wallClockAsUtc(b.year, b.month, b.day) - wallClockAsUtc(a.year, a.month, a.day)) / DAY_MS);
}

function compareLocal(a: WallClock, b: WallClock): number {
  return wallClockAsUtc(a.year, a.month, a.day, a.hour, a.minute, a.second) - wallClockAsUtc(b.year, b.month, b.day, b.hour, b.minute, b.second);
}

/**
 * The first instant of a local calendar day: local midnight, or, where a DST change skips
 * midnight (America/Santiago, America/Havana, Asia/Beirut), the instant the clocks jump to.
 * Where midnight happens twice, the first one.
 *
 * @throws RangeError for an unknown time zone (from Intl).
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  // Fleet reports ask for the same few hundred due days thousands of times; each answer costs
  // several Intl calls. The cache is bounded and holds only results that never change.
  const key = `${timeZone} ${date.year}-${date.month}-${date.day}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  const start = computeStartOfLocalDay(date, timeZone);
  if (dayStarts.size >= DAY_START_CACHE_SIZE) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
}

const DAY_START_CACHE_SIZE = 10_000;
const dayStarts = new Map<string, number>();

function computeStartOfLocalDay(date: LocalDate, timeZone: string): number {
  const wall = wallClockAsUtc(date.year, date.month, date.day);
  const target: WallClock = { ...date, hour: 0, minute: 0, second: 0 };
  // The instant sought lies within [wall - 14h, wall + 12h] (the extreme offsets in use). The
  // offsets at the ends and the middle of that window include every offset in force inside it,
  // unless a zone changed offset twice within a day, which no zone does.
  const offsets = new Set([zoneOffsetMs(wall - 15 * HOUR_MS, timeZone), zoneOffsetMs(wall, timeZone), zoneOffsetMs(wall + 13 * HOUR_MS, timeZone)]);
  let best: number | null = null;
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (zoneOffsetMs(candidate, timeZone) === offset && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return best;

  // Midnight does not exist that day: find the transition, the first instant whose local time is
  // at or after midnight. Local time only moves forward across a gap, so bisection is sound.
  const sorted = [...offsets].sort((x, y) => x - y);
  let lo = wall - (sorted[sorted.length - 1] ?? 0); // local time before midnight here
  let hi = wall - (sorted[0] ?? 0); // and after it here
  if (compareLocal(wallClock(lo, timeZone), target) >= 0) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (compareLocal(wallClock(mid, timeZone), target) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Epoch milliseconds as the zone's wall-clock date and time, `2026-11-25 14:30`. */
export function formatLocalDateTime(ms: number, timeZone: string): string {
  const local = new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/**
 * A deadline as people read it. Deadlines given as a day are stored as the first instant after
 * it (local midnight), so one at local midnight reads `end of 2026-11-25`, the day it closes,
 * not `2026-11-26 00:00`; any other instant reads as its local date and time.
 */
export function formatDeadline(ms: number, timeZone: string): string {
  const text = formatLocalDateTime(ms, timeZone);
  return text.endsWith(' 00:00') ? `end of ${formatLocalDate(localDateOf(ms - 1, timeZone))}` : text;
}


/** `2026-11-25 14:30 Europe/Berlin`: a local date and time labelled with its zone, for places with no zone heading. */
export function formatZonedDateTime(ms: number, timeZone: string): string {
  return `${formatLocalDateTime(ms, timeZone)} ${timeZone}`;
}

/**
 * The last local day a period covers when it ends (exclusively) at `endMs`: an exception typed as
 * "until 2027-01-05" is stored as ending at local midnight of 6 January, and covers 5 January.
 */
export function lastCoveredDay(endMs: number, timeZone: string): string {
  return formatLocalDate(localDateOf(endMs - 1, timeZone));
}

/**
 * An exception's expiry as people read it: the last covered day (`2027-01-05`) when it ends at
 * local midnight, as every expiry entered as a date does; otherwise its local date and time.
 */
export function formatExpiry(endMs: number, timeZone: string): string {
  return isStartOfLocalDay(endMs, timeZone) ? lastCoveredDay(endMs, timeZone) : formatLocalDateTime(endMs, timeZone);
}

/** Whether an instant is the first instant of its local day (a day boundary entered as a bare date). */
export function isStartOfLocalDay(ms: number, timeZone: string): boolean {
  return startOfLocalDay(localDateOf(ms, timeZone), timeZone) === ms;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** The English name of a month 1-12 (`January`). */
export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1];
  if (name === undefined) throw new RangeError(`${month} is not a month (1-12)`);
  return name;
}

/** A `YYYY-MM-DD` day written out for sentences (`5 January 2027`); the text as-is when it is not a day. */
export function formatLongDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${Number(match[3])} ${monthName(month)} ${match[1]}` : day;
}
