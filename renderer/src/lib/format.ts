/** Display formatting shared by every screen: counts, times and durations. */
import { formatLocalDateTime, formatLocalDate, isInstant, localDateOf, parseInstant } from '../../../shared/domain/sla/local-time';

export { plural } from '../../../shared/domain/text/plural';

/**
 * The one locale of every screen: English month names and `1,205`-style counts, as in the PDF and
 * the CLI, whatever the browser's language (the same figure reads the same everywhere).
 */
export const DISPLAY_LOCALE = 'en-GB';

const counts = new Intl.NumberFormat(DISPLAY_LOCALE);

/** A count with thousands separators (`1,205`). */
export function formatCount(value: number): string {
  return counts.format(value);
}

/**
 * An instant as the site's local date and time, `2026-11-22 10:04` (the one style of every
 * surface: 24-hour, ISO date); an em dash for none. Components use `<SiteTime>`, which also names
 * the zone.
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return isInstant(iso) ? formatLocalDateTime(parseInstant(iso), timeZone) : iso;
}

/**
 * An instant in a site's time zone, `2026-11-22 10:04`; an em dash for none. A zone this browser
 * does not know falls back to UTC, said so, rather than nothing.
 */
export function formatInstantIn(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '—';
  if (!isInstant(instant)) return instant;
  try {
    return formatLocalDateTime(parseInstant(instant), timeZone);
  } catch {
    return `${formatLocalDateTime(parseInstant(instant), 'UTC')} UTC`;
  }
}

/** The local time of day of an instant, 24-hour (`09:00`). */
export function formatTimeIn(instant: string, timeZone: string): string {
  return isInstant(instant) ? formatLocalDateTime(parseInstant(instant), timeZone).slice(11) : instant;
}

/** An instant's local day in the site's zone, `2026-11-22`; an em dash for none. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return isInstant(iso) ? formatLocalDate(localDateOf(parseInstant(iso), timeZone)) : iso;
}

/** How long ago, coarse enough to read at a glance: "just now", "5 min ago", "3 h ago", "12 d ago"; older as its local day. */
export function formatRelative(iso: string | null | undefined, timeZone: string, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 60) return `${days} d ago`;
  return formatDate(iso, timeZone);
}

/** A duration such as "42 s" or "3 min 05 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
