/**
 * Maintenance windows: when a site (or one ring of it) may be patched and rebooted, as weekdays, a
 * local start time and a duration, in the site's time zone. Across daylight-saving changes the
 * window keeps its wall-clock start: a start inside the spring-forward gap moves forward by the
 * gap (02:30 becomes 03:30, as RFC 5545 and Temporal's "compatible" rule do), a start in the
 * repeated autumn hour is its first occurrence, and the duration is real elapsed time.
 */
import { addLocalDays, localDateOf, zoneOffsetMs, type LocalDate } from '../sla/local-time';
import { DEFAULT_RING, type Ring } from './rings';
import { weekdayIndex, type Weekday } from './weekdays';
import { weekdayIndexOf } from './year-month';

/** One recurring window. */
export interface MaintenanceWindow {
  /** The ring it is for; null: the whole site (rings without a window of their own). */
  ring: Ring | null;
  weekdays: readonly Weekday[];
  /** Local start time, `HH:MM` (24-hour). */
  start: string;
  /** Length in minutes (1 to 7 days). */
  durationMinutes: number;
}

/** The longest window: a week. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/** A window occurrence, in epoch milliseconds, half-open [from, to). */
export interface WindowOccurrence {
  from: number;
  to: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether a text is a 24-hour `HH:MM` time. */
export function isLocalTime(value: string): boolean {
  return TIME.test(value);
}

/**
 * The instant a local wall-clock time happens on a date, in a time zone. A time skipped by a
 * forward change maps to the same wall time on the old offset (so it lands after the gap); a time
 * that happens twice maps to the first.
 *
 * @throws RangeError for a malformed time or an unknown time zone.
 */
export function localTimeToInstant(date: LocalDate, time: string, timeZone: string): number {
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a time as HH:MM`);
  const wall = Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2]));
  const day = new Date(wall);
  day.setUTCFullYear(date.year, date.month - 1, date.day);
  const asUtc = day.getTime();
  // Offsets in force near that wall time; an instant whose offset agrees with the one used to
  // reach it is a real reading of that wall time.
  const before = zoneOffsetMs(asUtc - 15 * HOUR_MS, timeZone);
  const offsets = new Set([before, zoneOffsetMs(asUtc, timeZone), zoneOffsetMs(asUtc + 13 * HOUR_MS, timeZone)]);
  let best: number | null = null;
  for (const offset of offsets) {
    const candidate = asUtc - offset;
    if (zoneOffsetMs(candidate, timeZone) === offset && (best === null || candidate < best)) best = candidate;
  }
  return best ?? asUtc - before;
}

/**
 * The occurrence of a window in progress at `afterMs`, or else the next one to start; null when
 * the window has no weekdays.
 */
export function nextWindow(window: MaintenanceWindow, afterMs: number, timeZone: string): WindowOccurrence | null {
  if (window.weekdays.length === 0) return null;
  const days = new Set(window.weekdays.map(weekdayIndex));
  const lengthMs = window.durationMinutes * MINUTE_MS;
  const today = localDateOf(afterMs, timeZone);
  // Start far enough back to catch a long window still running, and look a little over a week ahead.
  const back = Math.ceil(window.durationMinutes / (24 * 60)) + 1;
  for (let offset = -back; offset <= 8; offset++) {
    const date = addLocalDays(today, offset);
    if (!days.has(weekdayIndexOf(date))) continue;
    const from = localTimeToInstant(date, window.start, timeZone);
    if (from + lengthMs > afterMs) return { from, to: from + lengthMs };
  }
  return null;
}

/** The windows that apply to a ring: its own, or else the site-wide ones (ring null). */
export function windowsForRing<W extends MaintenanceWindow>(windows: readonly W[], ring: Ring = DEFAULT_RING): W[] {
  const own = windows.filter((window) => window.ring === ring);
  return own.length > 0 ? own : windows.filter((window) => window.ring === null);
}

/** The earliest occurrence, in progress or next, among the windows that apply to a ring. */
export function nextWindowForRing(windows: readonly MaintenanceWindow[], ring: Ring, afterMs: number, timeZone: string): WindowOccurrence | null {
  let best: WindowOccurrence | null = null;
  for (const window of windowsForRing(windows, ring)) {
    const next = nextWindow(window, afterMs, timeZone);
    if (next && (best === null || next.from < best.from)) best = next;
  }
  return best;
}
