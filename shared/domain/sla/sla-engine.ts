/**
 * THE SLA engine: every deadline, due-soon and overdue judgement Patchdesk shows or signs (the
 * fleet view, the asset drawer, compliance figures, the evidence pack) comes from here.
 *
 * It prepares each fix once from the domain's pieces (`normaliseSeverity`, `slaDaysFor`,
 * `addLocalDays`, `startOfLocalDay`, `zoneOffsetMs`, `exceptionMatches`, `exceptionWindowMs`),
 * memoised on what they depend on, then answers "where does it stand at T" and "when was it in
 * breach inside [from, to)" with arithmetic, fast enough for tens of thousands of fixes at
 * thirteen instants. A slow, literal statement of the same rules lives under testing/ as an
 * oracle; sla-engine.test.ts cross-checks the two on random data.
 */
import { SEVERITIES, slaDaysFor, type PatchPolicy, type Severity } from '../patch-policy';
import type { Tier } from '../risk-tier';
import { slaClockStart, type ClockBasis, type PublicationBasis } from './clock-start';
import { exceptionMatches, exceptionWindowMs, type PatchException } from './exception-status';
import { DEFAULT_KEV_RULES, kevDueDay, kevRuleFor, NO_KEV, type DeadlineRule, type KevFixFacts, type KevLookup } from './kev-rule';
import { addLocalDays, DAY_MS, formatLocalDate, localDateOf, parseInstant, startOfLocalDay, zoneOffsetMs, type LocalDate } from './local-time';
import { normaliseSeverity } from './severity';
import { DEFAULT_TIER, isDueSoon, type SlaState } from './sla-rules';

/** One missing fix on one asset of the site (a pending-update row fits). */
export interface FixRecord {
  /** The pending-update row id. */
  id: number;
  assetId: number;
  name: string;
  /** When Patchdesk first saw it missing: the fix counts as missing from this instant. */
  firstSeenAt: string;
  /** The vendor's publication instant and how it was obtained; null when the source gave none. */
  publishedAt?: string | null;
  publishedBasis?: PublicationBasis | null;
  resolvedAt: string | null;
  security: boolean | null;
  /** The source's severity text; empty or null when it gave none. */
  severity: string | null;
  cves: readonly string[];
  advisories: readonly string[];
  /** What CISA KEV says about the CVEs the fix closes (earliest dates); null: none is known exploited; absent: ask the engine's `KevLookup`. */
  kev?: KevFixFacts | null;
}

/** What the KEV rules need to know about the asset a fix is missing on. */
export interface FixAssetContext {
  /** Exposure high: reachable from the internet. */
  internetFacing: boolean;
}

/** An exception's window, prepared. */
interface Cover {
  exception: PatchException;
  from: number;
  to: number;
}

/** A fix with its deadline and the exceptions that cover it at some time of its life. */
export interface PreparedFix {
  record: FixRecord;
  firstSeenMs: number;
  /** Where the SLA clock started (see `slaClockStart`): publication or first seen. */
  clockStartMs: number;
  clockBasis: ClockBasis;
  /** Infinity while still missing. */
  resolvedMs: number;
  security: boolean;
  severity: Severity;
  /** The tier applied: the asset's, or DEFAULT_TIER. */
  tier: Tier;
  tierDefaulted: boolean;
  slaDays: number;
  /** The last allowed local day, `YYYY-MM-DD`. */
  dueDate: string;
  /** The same day as a day number (see `SlaEngine.localDay`). */
  dueDay: number;
  /** The first overdue instant. */
  dueAtMs: number;
  /** What set the deadline: the tier/severity table, or a KEV rule that shortened it. */
  deadlineRule: DeadlineRule;
  /** Matching exceptions whose window overlaps the fix's life, in the register's order. */
  covers: Cover[];
}

/** Where a missing fix stands at an instant (the domain's `SlaStatus`, without the deadline). */
export interface Standing {
  state: SlaState;
  overdueDays: number;
  remainingDays: number;
  exception: PatchException | null;
}

/** A half-open interval [from, to) in epoch milliseconds. */
export interface MsInterval {
  from: number;
  to: number;
}

interface Deadline {
  slaDays: number;
  dueDate: string;
  dueDay: number;
  dueAtMs: number;
}

// Offsets change only at transitions, months apart: an offset read at the start and at the end
// of a quarter hour holds throughout it, unless the two differ (a transition inside).
const QUARTER_HOUR_MS = 900_000;

// Zone offsets per quarter hour, shared by every engine: they never change (for one build of the
// time zone database), and reading them costs two Intl calls. Bounded like the domain's caches.
const OFFSET_CACHE_SIZE = 200_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The offset of a zone throughout a quarter hour; NaN when a transition lies inside it. */
function quarterOffset(timeZone: string, quarter: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR_MS;
    const first = zoneOffsetMs(start, timeZone);
    offset = first === zoneOffsetMs(start + QUARTER_HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    if (zone.size >= OFFSET_CACHE_SIZE) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/** The number written by `length` digits of `text` from `at`; NaN if any is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of an instant, as `parseInstant` reads it (and throwing as it does). Every
 * stored instant is written by toISOString() (`2026-11-02T09:00:00.000Z`); that exact form is
 * read digit by digit here, many times cheaper in bulk than the general checks.
 */
export function instantMs(text: string): number {
  if (text.length === 24 && text.charCodeAt(23) === 90 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 46) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    const milli = digits(text, 20, 3);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
    // Every field a number in range (NaN fails each test); years before 100 take the general path.
    if (year >= 100 && month >= 1 && day >= 1 && day <= monthDays && hour <= 23 && minute <= 59 && second <= 59 && milli >= 0 && text[4] === '-' && text[7] === '-' && text[13] === ':' && text[16] === ':') {
      return Date.UTC(year, month - 1, day, hour, minute, second, milli);
    }
  }
  return parseInstant(text);
}

/** Days since 1970-01-01 of a calendar date (negative before). */
function dayNumberOf(date: LocalDate): number {
  const at = new Date(0);
  at.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(at.getTime() / DAY_MS);
}

/** The calendar date of a day number. */
function dateOfDayNumber(day: number): LocalDate {
  const at = new Date(day * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/**
 * The exceptions that can matter between two instants: those whose window overlaps [fromMs,
 * toMs] (a standing at `toMs` or a breach inside the range). Others leave every figure of the
 * range unchanged, so an engine for the range needs only these.
 */
export function exceptionsAffecting(exceptions: readonly PatchException[], fromMs: number, toMs: number): PatchException[] {
  return exceptions.filter((exception) => {
    const window = exceptionWindowMs(exception);
    return window !== null && window.from <= toMs && window.to > fromMs;
  });
}

/** Whether matching these exceptions needs fixes' CVE and advisory lists (scopes by CVE, update or KB). */
export function needsFixLists(exceptions: readonly PatchException[]): boolean {
  return exceptions.some((exception) => exception.scope.kind === 'cve' || exception.scope.kind === 'update' || exception.scope.kind === 'kb');
}

/** Evaluates the SLA of one site's fixes: one policy, one time zone, one exception register. */
export class SlaEngine {
  private readonly covers: Cover[];
  private readonly deadlines = new Map<number, Deadline>();
  private readonly severities = new Map<string, { severity: Severity; security: boolean }>();

  /**
   * @param exceptions The site's register; entries without a window (ending before they start) cover nothing.
   * @param kev What KEV says about the site's fixes, for the policy's KEV rules; `NO_KEV` leaves every deadline as the tier/severity table gives it.
   * @throws RangeError for an unknown time zone or unreadable exception dates.
   */
  constructor(
    private readonly policy: PatchPolicy,
    readonly timeZone: string,
    exceptions: readonly PatchException[],
    private readonly kev: KevLookup = NO_KEV,
  ) {
    this.covers = [];
    for (const exception of exceptions) {
      const window = exceptionWindowMs(exception);
      if (window) this.covers.push({ exception, from: window.from, to: window.to });
    }
    // Fails here, with Intl's message, for an unknown zone.
    localDateOf(0, timeZone);
  }

  /**
   * The local day of an instant in the site's zone as a day number (days since 1970-01-01), so
   * that local days between two instants are a subtraction. It is the UTC day of the instant
   * shifted by the zone's offset, read once per quarter hour (from `localDateOf` in a quarter
   * hour holding a transition).
   */
  localDay(ms: number): number {
    const offset = quarterOffset(this.timeZone, Math.floor(ms / QUARTER_HOUR_MS));
    if (Number.isNaN(offset)) return dayNumberOf(localDateOf(ms, this.timeZone));
    return Math.floor((ms + offset) / DAY_MS);
  }

  /** The local date of an instant in the site's zone, as `localDateOf` gives it. */
  localDate(ms: number): LocalDate {
    return dateOfDayNumber(this.localDay(ms));
  }

  /**
   * Prepares a fix: its normalised severity, its deadline and the exceptions that can cover it.
   *
   * @throws RangeError for unreadable dates.
   */
  prepare(record: FixRecord, assetTier: Tier | null, asset?: FixAssetContext): PreparedFix {
    const firstSeenMs = instantMs(record.firstSeenAt);
    const resolvedMs = record.resolvedAt === null ? Infinity : instantMs(record.resolvedAt);
    const { severity, security } = this.severityOf(record);
    const tier = assetTier ?? DEFAULT_TIER;
    const start = slaClockStart(record, this.policy);
    const clockStartMs = start.basis === 'first_seen' ? firstSeenMs : instantMs(start.at);
    const kev = record.kev !== undefined ? record.kev : this.kev.factsFor(record);
    const deadline = this.kevDeadline(kev, asset ?? { internetFacing: this.kev.internetFacing(record.assetId) }, clockStartMs, this.deadlineOf(tier, severity, clockStartMs));
    const covers: Cover[] = [];
    for (const cover of this.covers) {
      // Only windows overlapping the fix's life can cover a breach or a snapshot of it.
      if (cover.to <= firstSeenMs || cover.from >= resolvedMs) continue;
      const scopeAsset = cover.exception.scope.assetId;
      if (scopeAsset != null && scopeAsset !== record.assetId) continue;
      if (exceptionMatches(cover.exception, record)) covers.push(cover);
    }
    return { record, firstSeenMs, clockStartMs, clockBasis: start.basis, resolvedMs, security, severity, tier, tierDefaulted: assetTier == null, ...deadline, covers };
  }

  /** Whether the fix was missing at an instant (first seen at or before it, not yet resolved). */
  missingAt(fix: PreparedFix, atMs: number): boolean {
    return fix.firstSeenMs <= atMs && fix.resolvedMs > atMs;
  }

  /** Where a missing fix stands at an instant (the reference `slaStatus` agrees); `atDay` is `localDay(atMs)`. */
  standing(fix: PreparedFix, atMs: number, atDay: number = this.localDay(atMs)): Standing {
    let exception: PatchException | null = null;
    let exceptionEnd = -Infinity;
    for (const cover of fix.covers) {
      if (atMs >= cover.from && atMs < cover.to && cover.to > exceptionEnd) {
        exception = cover.exception;
        exceptionEnd = cover.to;
      }
    }
    const overdue = atMs >= fix.dueAtMs;
    // Negative once overdue: the local day of any instant from dueAt on is after the due date.
    const daysToDue = fix.dueDay - atDay;
    let state: SlaState;
    if (exception) state = 'excepted';
    else if (overdue) state = 'overdue';
    else if (isDueSoon(daysToDue, fix.slaDays)) state = 'due_soon';
    else state = 'within';
    return { state, overdueDays: overdue ? -daysToDue : 0, remainingDays: overdue ? 0 : Math.min(daysToDue, fix.slaDays), exception };
  }

  /**
   * The intervals inside [fromMs, toMs) during which the fix was overdue and not covered by an
   * exception, sorted and disjoint, as `breachIntervals` gives them.
   */
  breachIntervals(fix: PreparedFix, fromMs: number, toMs: number): MsInterval[] {
    // A clock started at publication can fall due before Patchdesk saw the fix: only measured time counts.
    const from = Math.max(fix.dueAtMs, fix.firstSeenMs, fromMs);
    const to = Math.min(fix.resolvedMs, toMs);
    if (to <= from) return [];
    if (fix.covers.length === 0) return [{ from, to }];
    return subtract({ from, to }, fix.covers);
  }

  /**
   * The deadline after the policy's KEV rules: the earlier of the tier/severity one and the KEV
   * rule's (see kev-rule.ts). `slaDays` becomes the days from clock start to the new due day (0
   * when CISA's due date had passed before the clock started), so due-soon keeps its meaning.
   */
  private kevDeadline(kev: KevFixFacts | null, asset: FixAssetContext, clockStartMs: number, policy: Deadline): Deadline & { deadlineRule: DeadlineRule } {
    if (!kev) return { ...policy, deadlineRule: 'policy' };
    const startDay = this.localDay(clockStartMs);
    const found = kevDueDay(kevRuleFor(this.policy.kevRules ?? DEFAULT_KEV_RULES, asset.internetFacing), kev, startDay);
    if (!found || found.dueDay >= policy.dueDay) return { ...policy, deadlineRule: 'policy' };
    const due = dateOfDayNumber(found.dueDay);
    return {
      slaDays: Math.max(0, found.dueDay - startDay),
      dueDate: formatLocalDate(due),
      dueDay: found.dueDay,
      dueAtMs: startOfLocalDay(addLocalDays(due, 1), this.timeZone),
      deadlineRule: found.rule,
    };
  }

  private severityOf(record: FixRecord): { severity: Severity; security: boolean } {
    const key = `${record.security}|${record.severity ?? ''}`;
    let found = this.severities.get(key);
    if (!found) {
      const normalised = normaliseSeverity({ severity: record.severity || null, security: record.security });
      found = { severity: normalised.severity, security: normalised.security };
      this.severities.set(key, found);
    }
    return found;
  }

  /**
   * Due at the end of local day (clock start + SLA days), overdue from the start of the next
   * local day. It depends only on the applied tier, the severity and the day the clock started.
   */
  private deadlineOf(tier: Tier, severity: Severity, clockStartMs: number): Deadline {
    const seenDay = this.localDay(clockStartMs);
    const key = seenDay * 32 + (tier - 1) * 8 + SEVERITIES.indexOf(severity);
    let deadline = this.deadlines.get(key);
    if (!deadline) {
      const slaDays = slaDaysFor(this.policy, tier, severity);
      if (!Number.isInteger(slaDays) || slaDays < 0) throw new RangeError(`The policy's SLA for tier ${tier}, ${severity} is ${slaDays} days; expected a whole number of days`);
      const due = addLocalDays(dateOfDayNumber(seenDay), slaDays);
      deadline = { slaDays, dueDate: formatLocalDate(due), dueDay: seenDay + slaDays, dueAtMs: startOfLocalDay(addLocalDays(due, 1), this.timeZone) };
      this.deadlines.set(key, deadline);
    }
    return deadline;
  }
}

/** `base` minus the union of `holes`, as the domain's breach maths does it. */
function subtract(base: MsInterval, holes: readonly MsInterval[]): MsInterval[] {
  const sorted = holes.filter((hole) => hole.to > hole.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: MsInterval[] = [];
  let cursor = base.from;
  for (const hole of sorted) {
    if (hole.to <= cursor) continue;
    if (hole.from >= base.to) break;
    if (hole.from > cursor) out.push({ from: cursor, to: hole.from });
    cursor = Math.max(cursor, hole.to);
  }
  if (cursor < base.to) out.push({ from: cursor, to: base.to });
  return out;
}
