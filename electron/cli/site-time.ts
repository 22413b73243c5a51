/**
 * Instants as the admin reads them on the command line: in the site's time zone, not UTC.
 */
import { formatDeadline, parseInstant } from '../../shared/domain/sla/local-time';

/**
 * `2026-11-25 14:30` in the zone; a deadline at local midnight reads `end of 2026-11-24`, the
 * day it closes, as the admin typed it (see `formatDeadline`). Empty for nothing.
 */
export function siteTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return formatDeadline(parseInstant(iso), timeZone);
}
