/**
 * Readers for the publication dates package managers print. Each returns an ISO-8601 instant or
 * null, never a guess: an unreadable date must not become "now" or any other date, so callers
 * leave the fix without a publication date (its SLA clock then starts at first seen) and warn.
 */

// Dates before this are broken values (time_t 0, a reset clock), not fix publications.
const EARLIEST = Date.UTC(1990, 0, 1);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant from calendar fields, or null when a field is out of range (no rolling over). */
function fromFields(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  return ms >= EARLIEST ? new Date(ms).toISOString() : null;
}

/**
 * `2023-01-24`, `2023-01-24 00:00:00` or `2023-01-24T00:00:00` as printed by dnf and yum, read
 * as UTC: they print the advisory's date without a zone, and advisories are dated by day.
 */
export function readUpdateinfoDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
}

/** The RFC 2822 date of an apt Release file: `Sat, 15 Jun 2024 10:02:46 UTC` (or `+0000`). */
export function readReleaseDate(text: string): string | null {
  const m = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (UTC|GMT|Z|[+-]\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[2] ?? '') + 1;
  if (month === 0) return null;
  const zone = m[7] ?? 'UTC';
  const offset = /^[+-]\d{4}$/.test(zone) ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) : 0;
  return fromFields(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), offset);
}

/** Seconds since the epoch as zypper's `time_t` attribute prints them. */
export function readEpochSeconds(text: string): string | null {
  if (!/^\d{1,12}$/.test(text.trim())) return null;
  const ms = Number(text.trim()) * 1000;
  return ms >= EARLIEST ? new Date(ms).toISOString() : null;
}

/**
 * A date from PowerShell JSON: an ISO-8601 string with a zone (our collector writes UTC with
 * `Z`; PowerShell 7 writes an offset), `/Date(ms)/` from Windows PowerShell 5.1, or the
 * `{ value, DateTime }` wrapper it sometimes makes. A string without a zone is refused: its
 * meaning depends on the host's clock settings.
 */
export function readPowerShellDate(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value) return readPowerShellDate((value as { value: unknown }).value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const legacy = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(text);
  if (legacy) {
    const ms = Number(legacy[1]);
    return ms >= EARLIEST ? new Date(ms).toISOString() : null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const zone = m[7] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), offset);
}
