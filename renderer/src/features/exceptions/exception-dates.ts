/**
 * Dates of the exception register as the admin sees them. The host reads a bare date as a whole
 * day in the site's time zone (a start from that day's first instant, an expiry to its last), so
 * the form works in site-local days and the table shows the last day an entry covers.
 */
import type { ExceptionRecord } from '../../../../shared/contract';
import { addLocalDays, DAY_MS, formatLocalDate, formatLongDate, isStartOfLocalDay as sharedIsStartOfLocalDay, lastCoveredDay as sharedLastCoveredDay, localDateOf, type LocalDate } from '../../../../shared/domain/sla/local-time';
import { plural } from '../../../../shared/domain/text/plural';

const HOUR_MS = 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a `YYYY-MM-DD` day that exists on the calendar; null for anything else (2026-02-30 included). */
export function parseDay(text: string): LocalDate | null {
  const match = DAY_PATTERN.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCFullYear() === date.year && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

/** Whether a text is a real `YYYY-MM-DD` day. */
export function isDay(text: string): boolean {
  return parseDay(text) !== null;
}

/** Today in a time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, nowMs: number): string {
  return formatLocalDate(localDateOf(nowMs, timeZone));
}

/** The local day of an instant, as `YYYY-MM-DD`. */
export function dayOf(instant: string, timeZone: string): string {
  return formatLocalDate(localDateOf(Date.parse(instant), timeZone));
}

/** The day `days` calendar days after `day` (before, if negative). `day` must be valid. */
export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  if (!date) throw new RangeError(`"${day}" is not a YYYY-MM-DD day`);
  return formatLocalDate(addLocalDays(date, days));
}

/**
 * The last expiry day the policy allows for an entry starting on `startDay`: the start day counts
 * as the first of the `maxDays` (the host measures from that day's first instant to the end of
 * the expiry day).
 */
export function maxExpiryDay(startDay: string, maxDays: number): string {
  return addDays(startDay, Math.max(0, maxDays - 1));
}

/** The last local day an entry covers: an expiry at local midnight ends the day before (shared rule). */
export function lastCoveredDay(expiresAt: string, timeZone: string): string {
  return sharedLastCoveredDay(Date.parse(expiresAt), timeZone);
}

/** Whether an instant is the first instant of its local day (an expiry entered as a bare date). */
export function isStartOfLocalDay(instant: string, timeZone: string): boolean {
  return sharedIsStartOfLocalDay(Date.parse(instant), timeZone);
}

/** A `YYYY-MM-DD` day written out as every surface writes it in prose ("7 November 2026"); the text as-is when it is not a day. */
export function formatDay(day: string): string {
  return formatLongDate(day.trim());
}

/** Instants in the site's time zone (the one formatter, in lib/format). */
export { formatInstantIn, formatTimeIn } from '../../lib/format';

/** How far an instant is from now, in the coarsest unit that is still honest: "5 days", "3 hours", "under an hour". */
export function distanceText(targetMs: number, nowMs: number): string {
  const distance = Math.abs(targetMs - nowMs);
  if (distance < HOUR_MS) return 'under an hour';
  if (distance < DAY_MS) {
    const hours = Math.floor(distance / HOUR_MS);
    return plural(hours, 'hour');
  }
  return plural(Math.floor(distance / DAY_MS), 'day');
}

/** "in 5 days" before the expiry, "expired 3 days ago" after it. */
export function relativeExpiry(expiresAt: string, nowMs: number): string {
  const expiryMs = Date.parse(expiresAt);
  const distance = distanceText(expiryMs, nowMs);
  if (expiryMs > nowMs) return `in ${distance}`;
  return distance === 'under an hour' ? 'expired just now' : `expired ${distance} ago`;
}

/** The few words under an entry's expiry: when it ends, ended, or starts, by status. */
export function expiryPhrase(record: Pick<ExceptionRecord, 'status' | 'startsAt' | 'expiresAt' | 'closedAt'>, nowMs: number): string {
  switch (record.status) {
    case 'scheduled':
      return `starts in ${distanceText(Date.parse(record.startsAt), nowMs)}`;
    case 'closed':
      if (!record.closedAt) return 'closed';
      return Date.parse(record.closedAt) > nowMs - HOUR_MS ? 'closed just now' : `closed ${distanceText(Date.parse(record.closedAt), nowMs)} ago`;
    case 'renewed':
      return 'renewed';
    default:
      return relativeExpiry(record.expiresAt, nowMs);
  }
}
