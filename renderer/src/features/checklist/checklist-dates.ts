/**
 * Days and times of the checklist as the admin reads them. Due days are the site's local days
 * (`YYYY-MM-DD`); instants are shown in the site's time zone, so two admins in different places
 * see the same due day and the same "late by" count.
 */
import { parseLocalDate } from '../../../../shared/domain/cycles/checklist-status';
import { plural } from '../../../../shared/domain/text/plural';
import { localTimeToInstant } from '../../../../shared/domain/cycles/maintenance-window';
import { formatDeadline as sharedFormatDeadline, formatLocalDate, isInstant, localDateOf, localDaysBetween, parseInstant, type LocalDate } from '../../../../shared/domain/sla/local-time';
import { DISPLAY_LOCALE } from '../../lib/format';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a `YYYY-MM-DD` day that exists on the calendar; null for anything else. */
export function parseDay(text: string): LocalDate | null {
  if (!DAY_PATTERN.test(text.trim())) return null;
  try {
    return parseLocalDate(text.trim());
  } catch {
    return null;
  }
}

/** Today in a time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, nowMs: number): string {
  return formatLocalDate(localDateOf(nowMs, timeZone));
}

/** The current month in a time zone, as `YYYY-MM`. */
export function monthIn(timeZone: string, nowMs: number): string {
  return todayIn(timeZone, nowMs).slice(0, 7);
}

/** The month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later); both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  if (!a || !b) throw new RangeError(`"${a ? to : from}" is not a YYYY-MM-DD day`);
  return localDaysBetween(a, b);
}

/** The day `days` days after `day`. */
export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  if (!date) throw new RangeError(`"${day}" is not a YYYY-MM-DD day`);
  return formatLocalDate(localDateOf(Date.UTC(date.year, date.month - 1, date.day) + days * 86_400_000, 'UTC'));
}

function utcOf(day: string): number | null {
  const date = parseDay(day);
  return date ? Date.UTC(date.year, date.month - 1, date.day) : null;
}

/** A month as words: `2026-11` → "November 2026" (in the user's locale). */
export function formatMonth(month: string, locale: string = DISPLAY_LOCALE): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** A day with its weekday, in the one style of every surface: `Tue 2026-11-10`; the text as-is when it is not a day. */
export function formatDay(day: string): string {
  const ms = utcOf(day);
  return ms === null ? day : `${WEEKDAYS[new Date(ms).getUTCDay()] ?? ''} ${day.trim()}`;
}

/** A day for dense tables; the same as `formatDay` (ISO dates everywhere, so no year is ever dropped). */
export function formatDayShort(day: string, _today?: string): string {
  return formatDay(day);
}

/** Instants in the site's time zone (the one formatter, in lib/format). */
export { formatInstantIn, formatTimeIn } from '../../lib/format';

/**
 * A deadline as people say it (the shared rule): an instant at local midnight (a deadline given as
 * a bare day) reads `end of Wed 2026-11-25` rather than the next day at 00:00; any other reads
 * `Wed 2026-11-25 18:00`.
 */
export function formatDeadline(instant: string, timeZone: string, _locale?: string, _today?: string): string {
  if (!isInstant(instant)) return instant;
  const text = sharedFormatDeadline(parseInstant(instant), timeZone);
  return text.replace(/(\d{4}-\d{2}-\d{2})/, (day: string) => formatDay(day));
}

/** The local day of an instant, as `YYYY-MM-DD`. */
export function dayOf(instant: string, timeZone: string): string {
  return formatLocalDate(localDateOf(Date.parse(instant), timeZone));
}

/** Whether a text is a 24-hour `HH:MM` time. */
export function isTime(text: string): boolean {
  return TIME_PATTERN.test(text);
}

/**
 * The instant of a local day and time in a time zone, as ISO-8601 UTC; null when either is
 * malformed. Times skipped or repeated by a clock change follow the domain's rule.
 */
export function localInstant(day: string, time: string, timeZone: string): string | null {
  const date = parseDay(day);
  if (!date || !isTime(time)) return null;
  return new Date(localTimeToInstant(date, time, timeZone)).toISOString();
}

/** "1 day" / "3 days". */
export function dayCount(days: number): string {
  return plural(days, 'day');
}

/** How an item's due day reads next to it, and in which tone. */
export interface DueText {
  text: string;
  tone: 'danger' | 'warning' | 'muted' | 'success';
}

/** What the due text needs to know about an item. */
export interface DueTextItem {
  state: 'pending' | 'done' | 'not_applicable';
  dueDate: string;
  late: boolean;
  doneLate: boolean;
}

/**
 * "late by 2 days", "due today", "due tomorrow", "due in 3 days" for a pending item; "done late"
 * for an item finished after its day; nothing for one finished on time or not applicable. The
 * host decides lateness (the end of the due day in the site's zone); the count is in local days.
 * In a closed cycle, a pending item was never done, so it reads "not done".
 */
export function dueText(item: DueTextItem, today: string, closed = false): DueText {
  if (item.state === 'not_applicable') return { text: '', tone: 'muted' };
  if (item.state === 'done') return item.doneLate ? { text: 'done late', tone: 'warning' } : { text: 'on time', tone: 'success' };
  if (closed) return { text: 'not done', tone: 'danger' };
  const days = daysBetween(item.dueDate, today);
  if (item.late || days > 0) return { text: `late by ${dayCount(Math.max(1, days))}`, tone: 'danger' };
  if (days === 0) return { text: 'due today', tone: 'warning' };
  if (days === -1) return { text: 'due tomorrow', tone: 'muted' };
  return { text: `due in ${dayCount(-days)}`, tone: 'muted' };
}

/** "in 3 days", "tomorrow", "today", "2 days ago", for a day relative to today. */
export function relativeDay(day: string, today: string): string {
  const days = daysBetween(today, day);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${dayCount(days)}` : `${dayCount(-days)} ago`;
}
