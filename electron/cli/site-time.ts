/**
 * Instants as the admin reads them on the command line: in the site's time zone, not UTC.
 */
import { formatLocalDate, localDateOf, zoneOffsetMs } from '../../shared/domain/sla/local-time';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `2026-11-25 14:30` in the zone; a deadline at local midnight reads `end of 2026-11-24`, the
 * day it closes, as the admin typed it.
 */
export function siteTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + zoneOffsetMs(ms, timeZone));
  if (local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0) return `end of ${formatLocalDate(localDateOf(ms - 1, timeZone))}`;
  return `${formatLocalDate(localDateOf(ms, timeZone))} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
