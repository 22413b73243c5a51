/**
 * The exception register: documented, time-limited acceptance of a missing fix. An exception
 * suppresses SLA breaches for what it covers, but only between its start and its expiry (or its
 * closing), so a forgotten exception stops hiding a breach on its own.
 */
import { DAY_MS, formatLocalDate, isInstant, localDateOf, parseInstant } from './local-time';

/** What an exception can be scoped to. */
export const EXCEPTION_SCOPE_KINDS = ['asset', 'update', 'cve', 'kb', 'package'] as const;
/** One of `EXCEPTION_SCOPE_KINDS`. */
export type ExceptionScopeKind = (typeof EXCEPTION_SCOPE_KINDS)[number];

/**
 * What an exception covers.
 *
 * - `asset`: every fix missing on `assetId` (required).
 * - `update`: the update named `value` (a Windows update title or a package name, compared
 *   case-insensitively) or carrying the advisory `value` (RHSA-2026:1234, DSA-5800-1, USN-7000-1).
 * - `cve`: every update fixing the CVE `value`.
 * - `kb`: the Windows update with the KB `value` (`KB5034441` or `5034441`).
 * - `package`: every update of the package `value`, whatever the version or architecture.
 *
 * For every kind but `asset`, `assetId` narrows the exception to one asset; without it the
 * exception applies to every asset of the site.
 */
export interface ExceptionScope {
  kind: ExceptionScopeKind;
  assetId?: number | null;
  value?: string | null;
}

/** One entry of the exception register. Instants are ISO-8601 with an offset. */
export interface PatchException {
  id?: number;
  scope: ExceptionScope;
  startsAt: string;
  expiresAt: string;
  /** Set when the exception was ended early (fix applied, risk no longer accepted). */
  closedAt?: string | null;
  /** Set when a newer entry continues this one. */
  renewedById?: number | null;
}

/** Which fix on which asset, as exception scopes see it (a pending-update row fits). */
export interface FixIdentity {
  assetId: number;
  /** The update's name: a package name, or a Windows update title. */
  name: string;
  advisories?: readonly string[];
  cves?: readonly string[];
  /** Windows KB numbers; KBs mentioned in the name or advisories count as well. */
  kbs?: readonly string[];
}

/** The statuses of a register entry at an instant. */
export const EXCEPTION_STATUSES = ['active', 'expiring_soon', 'expired', 'closed', 'renewed', 'scheduled'] as const;
/** One of `EXCEPTION_STATUSES`. */
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** Days before expiry from which an active exception is reported as expiring soon. */
export const DEFAULT_EXPIRING_SOON_DAYS = 14;

/** Options of `exceptionStatus`. */
export interface ExceptionStatusOptions {
  /** Defaults to `DEFAULT_EXPIRING_SOON_DAYS`. */
  expiringSoonDays?: number;
}

/**
 * The status of a register entry at an instant. The first that applies wins:
 *
 * 1. `closed`: closed at or before `at`;
 * 2. `renewed`: a newer entry continues it (the register has no renewal time, so this holds at
 *    every instant once set);
 * 3. `scheduled`: `at` is before its start;
 * 4. `expired`: `at` is at or after its expiry;
 * 5. `expiring_soon`: at most `expiringSoonDays` × 24 h left;
 * 6. `active`.
 *
 * @throws RangeError when a date is not an ISO-8601 instant.
 */
export function exceptionStatus(exception: PatchException, at: string, options: ExceptionStatusOptions = {}): ExceptionStatus {
  const now = parseInstant(at);
  const soonMs = (options.expiringSoonDays ?? DEFAULT_EXPIRING_SOON_DAYS) * DAY_MS;
  if (exception.closedAt && parseInstant(exception.closedAt) <= now) return 'closed';
  if (exception.renewedById != null) return 'renewed';
  if (now < parseInstant(exception.startsAt)) return 'scheduled';
  const expiresAt = parseInstant(exception.expiresAt);
  if (now >= expiresAt) return 'expired';
  return expiresAt - now <= soonMs ? 'expiring_soon' : 'active';
}

/**
 * The interval during which an exception suppresses breaches, in epoch milliseconds: from its
 * start to the earlier of its expiry and its closing; null when that is empty.
 *
 * A renewal does not end it: the renewed entry keeps covering its own dates and the new entry
 * continues from its own start, so renewing early never opens a gap.
 *
 * @throws RangeError when a date is not an ISO-8601 instant.
 */
export function exceptionWindowMs(exception: PatchException): { from: number; to: number } | null {
  const from = parseInstant(exception.startsAt);
  let to = parseInstant(exception.expiresAt);
  if (exception.closedAt) to = Math.min(to, parseInstant(exception.closedAt));
  return to > from ? { from, to } : null;
}

const norm = (value: string): string => value.trim().toLowerCase();

const KB = /\bKB\s?(\d{5,8})\b/gi;

/** `KB5034441`, `kb 5034441` and `5034441` all become `5034441`. */
function kbNumber(value: string): string {
  return value.trim().replace(/^kb\s?/i, '');
}

function kbsOf(fix: FixIdentity): Set<string> {
  const out = new Set((fix.kbs ?? []).map(kbNumber));
  // Windows collectors often carry the KB only in the title ("... (KB5034441)").
  for (const text of [fix.name, ...(fix.advisories ?? [])]) {
    for (const match of text.matchAll(KB)) if (match[1]) out.add(match[1]);
  }
  return out;
}

/** Strips an architecture suffix (`openssl.x86_64`, `openssl:amd64`) from a package name. */
function packageName(name: string): string {
  return norm(name).replace(/[.:](?:x86_64|i[3-6]86|aarch64|arm64|amd64|armhf|armel|ppc64le|s390x|noarch|all)$/, '');
}

/**
 * Whether an exception's scope matches a fix, ignoring its dates. A scope missing the field its
 * kind needs (an `asset` scope without `assetId`, any other without `value`) matches nothing.
 */
export function exceptionMatches(exception: PatchException, fix: FixIdentity): boolean {
  const { kind, assetId, value } = exception.scope;
  if (kind === 'asset') return assetId != null && assetId === fix.assetId;
  if (assetId != null && assetId !== fix.assetId) return false;
  if (value == null || value.trim() === '') return false;
  const wanted = norm(value);
  switch (kind) {
    case 'update':
      return norm(fix.name) === wanted || (fix.advisories ?? []).some((a) => norm(a) === wanted);
    case 'cve':
      return (fix.cves ?? []).some((c) => norm(c) === wanted);
    case 'kb':
      return kbsOf(fix).has(kbNumber(value));
    case 'package':
      return packageName(fix.name) === packageName(value);
  }
}

/**
 * Whether an exception suppresses a breach of a fix at an instant: its scope matches and the
 * instant lies in [start, min(expiry, closing)). Coverage ends exactly at the expiry instant,
 * and an exception starting mid-period covers only from its start. A renewed entry still covers
 * its own dates (see `exceptionWindowMs`).
 *
 * @throws RangeError when a date is not an ISO-8601 instant.
 */
export function exceptionCovers(exception: PatchException, fix: FixIdentity, at: string): boolean {
  if (!exceptionMatches(exception, fix)) return false;
  const window = exceptionWindowMs(exception);
  const now = parseInstant(at);
  return window !== null && now >= window.from && now < window.to;
}

/** Why proposed exception dates are refused. */
export type ExceptionDateProblemCode = 'expiry_required' | 'invalid_date' | 'expiry_in_past' | 'expiry_not_after_start' | 'backdated' | 'too_long';

/** One reason proposed exception dates are refused, with a message for the admin. */
export interface ExceptionDateProblem {
  code: ExceptionDateProblemCode;
  message: string;
}

/**
 * How far before "now" an exception may start. A day allows a form that defaults the start to
 * today's local midnight; more would let an exception hide breaches that already happened.
 */
export const BACKDATE_TOLERANCE_MS = DAY_MS;

/**
 * Slack on the maximum length: an exception entered as "90 local days" across the autumn DST
 * change lasts 90 days and one hour.
 */
export const LENGTH_TOLERANCE_MS = 3_600_000;

/**
 * Checks the dates of a new or renewed exception and returns every reason they are refused
 * (empty when acceptable): the expiry is missing or unreadable, it is not in the future, it is
 * not after the start, the start lies more than a day before `now`, or the exception runs longer
 * than the policy's `maxExceptionDays`. A missing start means "from now". Dates in messages
 * are local dates in `timeZone` (the site's), UTC by default.
 *
 * @throws RangeError when `now` is not an ISO-8601 instant or the zone is unknown (caller bugs,
 * not user input).
 */
export function validateExceptionDates(
  dates: { startsAt?: string | null; expiresAt?: string | null },
  maxExceptionDays: number,
  now: string,
  timeZone = 'UTC',
): ExceptionDateProblem[] {
  const nowMs = parseInstant(now);
  const day = (ms: number): string => formatLocalDate(localDateOf(ms, timeZone));
  const problems: ExceptionDateProblem[] = [];

  let startMs = nowMs;
  if (dates.startsAt) {
    if (isInstant(dates.startsAt)) startMs = parseInstant(dates.startsAt);
    else problems.push({ code: 'invalid_date', message: `The start "${dates.startsAt}" is not a valid date and time.` });
  }
  if (!dates.expiresAt) {
    problems.push({ code: 'expiry_required', message: 'An expiry date is required: every exception must end and be reviewed.' });
    return problems;
  }
  if (!isInstant(dates.expiresAt)) {
    problems.push({ code: 'invalid_date', message: `The expiry "${dates.expiresAt}" is not a valid date and time.` });
    return problems;
  }
  const expiryMs = parseInstant(dates.expiresAt);
  // An expiry is the first instant no longer covered (the end of its last day): messages name
  // that last day, the one the admin typed, not the next one.
  const lastDay = day(expiryMs - 1);

  if (expiryMs <= nowMs) {
    problems.push({ code: 'expiry_in_past', message: `The expiry (${lastDay}) is in the past; today is ${day(nowMs)}.` });
  }
  if (expiryMs <= startMs) {
    problems.push({ code: 'expiry_not_after_start', message: `The expiry (${lastDay}) must be after the start (${day(startMs)}).` });
  }
  if (startMs < nowMs - BACKDATE_TOLERANCE_MS) {
    const days = Math.floor((nowMs - startMs) / DAY_MS);
    problems.push({
      code: 'backdated',
      message: `The start (${day(startMs)}) is ${days} days in the past; an exception cannot cover breaches that already happened.`,
    });
  }
  const lengthMs = expiryMs - startMs;
  if (lengthMs > maxExceptionDays * DAY_MS + LENGTH_TOLERANCE_MS) {
    // Rounded up: 90 days and 2 hours is "91 days", which is what makes it too long.
    const days = Math.ceil((lengthMs - LENGTH_TOLERANCE_MS) / DAY_MS);
    problems.push({
      code: 'too_long',
      message: `The exception runs ${days} days (${day(startMs)} to ${lastDay}); the policy allows at most ${maxExceptionDays} days.`,
    });
  }
  return problems;
}
