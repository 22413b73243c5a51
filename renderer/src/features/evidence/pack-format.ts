/**
 * How pack facts read on screen: sizes, fingerprints and hashes short enough for a table but
 * long enough to compare by eye, and shares as percents.
 */
import { DISPLAY_LOCALE } from '../../lib/format';

const UNITS = ['KB', 'MB', 'GB'] as const;

/**
 * A byte count as people read file sizes: "512 B", "1.5 KB", "38 KB", "2.4 MB". Units are of 1,024
 * bytes, as the 512 KB logo limit is; one decimal below ten units, whole units above.
 */
export function formatBytes(bytes: number, locale: string = DISPLAY_LOCALE): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.96 KB would round to "1,024 KB"; say "1.0 MB" instead.
  if (value >= 1023.5 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 9.95 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/**
 * A key fingerprint shortened for tables: `SHA256:` and the first eight and last four characters
 * of the hash ("SHA256:q1w2e3r4…z9x8"), the parts people compare first and last.
 */
export function shortFingerprint(fingerprint: string): string {
  const match = /^(SHA256:)?(.+)$/.exec(fingerprint.trim());
  if (!match) return fingerprint;
  const [, prefix = '', body = ''] = match;
  return body.length <= 14 ? `${prefix}${body}` : `${prefix}${body.slice(0, 8)}…${body.slice(-4)}`;
}

/** A hex hash shortened to its first 12 characters ("3f2a9c01b7de…"), as git shortens commits. */
export function shortHash(hex: string): string {
  return hex.length <= 12 ? hex : `${hex.slice(0, 12)}…`;
}

/**
 * A share (0-1) as a whole percent; "—" when nothing was measured. The dashboard's rule, so a pack
 * and the Overview never write the same share differently.
 */
export { formatPatchedShare, formatShare } from '../overview/share-format';

/** Midnight UTC of a `YYYY-MM-DD` day, for formatting the day itself; null for anything else. */
function utcDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/**
 * A period of local days as a short range: "1–31 Oct 2026", "1 Jul – 30 Sep 2026",
 * "15 Dec 2025 – 14 Jan 2026" (in the user's locale). The days are the site's, so they are
 * formatted as calendar days, never shifted by the viewer's time zone.
 */
export function formatPeriod(from: string, to: string, locale: string = DISPLAY_LOCALE): string {
  const start = utcDay(from);
  const end = utcDay(to);
  if (start === null || end === null) return `${from} – ${to}`;
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return start === end ? format.format(start) : format.formatRange(start, end);
}

/** An instant in the site's time zone (the one formatter, in lib/format). */
export { formatInstantIn } from '../../lib/format';
