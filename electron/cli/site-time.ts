/**
 * Instants as the admin reads them on the command line: in the site's time zone, not UTC.
 */
import { formatDeadline, formatLocalDateTime, parseInstant } from '../../shared/domain/sla/local-time';

/**
 * `2026-11-25 14:30` in the zone; a deadline at local midnight reads `end of 2026-11-24`, the
 * day it closes, as the admin typed it (see `formatDeadline`). Empty for nothing.
 */
export function siteTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return formatDeadline(parseInstant(iso), timeZone);
}

/**
 * `2026-11-25 14:30` in the zone, for events (opened, collected, seen); unlike `siteTime`, local
 * midnight stays `00:00`, since an event at midnight did not close the day before. Empty for nothing.
 */
export function siteInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return formatLocalDateTime(parseInstant(iso), timeZone);
}
