/** Short phrases for distances in local days, as the dashboard's lists write them. */
import { localDaysBetween } from '../../../../shared/domain/sla/local-time';
import { parseDay } from '../exceptions/exception-dates';

/** "1 day" / "3 days". */
export function dayCount(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "today", "yesterday", "3 days ago". */
export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'yesterday' : `${dayCount(days)} ago`;
}

/** "today", "tomorrow", "in 3 days". */
export function inDays(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'tomorrow' : `in ${dayCount(days)}`;
}

/** Whole local days from day `a` to day `b` (`YYYY-MM-DD`), positive when `b` is later; 0 when either is unreadable. */
export function daysBetween(a: string, b: string): number {
  const from = parseDay(a);
  const to = parseDay(b);
  return from && to ? localDaysBetween(from, to) : 0;
}

/** Whole days from an instant to another (UTC clock), never negative. */
export function wholeDaysBetween(fromIso: string, toIso: string): number {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 86_400_000)) : 0;
}
