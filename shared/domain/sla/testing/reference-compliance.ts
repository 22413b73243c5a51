/**
 * The reference compliance report, kept as a test oracle only (sla-engine.ts and
 * period-figures.ts are cross-checked against it on random data).
 *
 * SLA compliance over a reporting period, as an auditor or insurer asks for it: how much of the
 * fleet was patched at the end of the period, how much of what was missing was within SLA, what
 * was overdue and for how long, and when each fix was in breach without a documented exception.
 * Pure and deterministic: the same input gives the same report, in the same order.
 */
import type { PatchPolicy } from '../../patch-policy';
import { OVERDUE_AGE_BANDS, overdueAgeBand, type OverdueAgeBand } from '../sla-rules';
import { TIERS, type Tier } from '../../risk-tier';
import { EXCEPTION_STATUSES, exceptionMatches, exceptionStatus, exceptionWindowMs, type ExceptionStatus, type PatchException } from '../exception-status';
import { formatInstant, localDateOf, localDaysBetween, parseInstant, type TimeInterval } from '../local-time';
import { normaliseSeverity } from '../severity';
import { slaClockStart, type ClockStart } from '../clock-start';
import { slaDeadline, slaStatus, type SlaItem, type SlaStatus } from './reference-sla-clock';

/** A fix tracked over time: missing from `firstSeenAt` until `resolvedAt` (null: still missing). */
export interface TrackedFix extends SlaItem {
  resolvedAt: string | null;
}

export { OVERDUE_AGE_BANDS, overdueAgeBand, type OverdueAgeBand } from '../sla-rules';

interface MsInterval {
  from: number;
  to: number;
}

/** Intervals sorted and merged, touching ones joined. */
function union(intervals: MsInterval[]): MsInterval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: MsInterval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.from <= last.to) last.to = Math.max(last.to, next.to);
    else out.push({ ...next });
  }
  return out;
}

/** `base` minus the union of `holes`. */
function subtract(base: MsInterval, holes: MsInterval[]): MsInterval[] {
  const out: MsInterval[] = [];
  let cursor = base.from;
  for (const hole of union(holes)) {
    if (hole.to <= cursor) continue;
    if (hole.from >= base.to) break;
    if (hole.from > cursor) out.push({ from: cursor, to: hole.from });
    cursor = Math.max(cursor, hole.to);
  }
  if (cursor < base.to) out.push({ from: cursor, to: base.to });
  return out;
}

function breachIntervalsMs(item: TrackedFix, policy: PatchPolicy, exceptions: readonly PatchException[], period: MsInterval): MsInterval[] {
  const dueAt = parseInstant(slaDeadline(item, policy).dueAt);
  const resolvedAt = item.resolvedAt === null ? Infinity : parseInstant(item.resolvedAt);
  // A clock started at publication can fall due before the fix was seen missing: only measured time counts.
  const breach = { from: Math.max(dueAt, parseInstant(item.firstSeenAt), period.from), to: Math.min(resolvedAt, period.to) };
  if (breach.to <= breach.from) return [];
  const covered: MsInterval[] = [];
  for (const exception of exceptions) {
    if (!exceptionMatches(exception, item)) continue;
    const window = exceptionWindowMs(exception);
    if (window) covered.push(window);
  }
  return subtract(breach, covered);
}

function parsePeriod(period: TimeInterval): MsInterval {
  const from = parseInstant(period.from);
  const to = parseInstant(period.to);
  if (to < from) throw new RangeError(`The period ends (${period.to}) before it starts (${period.from})`);
  return { from, to };
}

/**
 * The intervals within `period` (half-open, [from, to)) during which a fix was in breach, from
 * its `dueAt` until it was resolved, and NOT covered by a matching exception. Every matching
 * exception covers its own [start, min(expiry, closing)), whether it starts or ends inside the
 * period; a renewal and the entry it renews together cover without a gap if their dates touch.
 * The result is sorted and disjoint; empty when the fix was never in uncovered breach.
 *
 * @throws RangeError for unreadable dates, an unknown time zone, or a period ending before it starts.
 */
export function breachIntervals(item: TrackedFix, policy: PatchPolicy, exceptions: readonly PatchException[], period: TimeInterval): TimeInterval[] {
  return breachIntervalsMs(item, policy, exceptions, parsePeriod(period)).map((i) => ({ from: formatInstant(i.from), to: formatInstant(i.to) }));
}

/** What `complianceReport` works on. */
export interface ComplianceInput {
  /** The reporting period [from, to); snapshot figures are taken at `to`. */
  period: TimeInterval;
  policy: PatchPolicy;
  /** Every fix missing at some time: resolved ones too, so breaches inside the period count. */
  items: readonly TrackedFix[];
  exceptions: readonly PatchException[];
  /**
   * Every asset in scope. Assets with nothing missing appear only here, and without them the
   * share of patched assets would be computed over the unpatched ones alone. Assets of items are
   * added.
   */
  assetIds?: readonly number[];
}

/** One fix overdue at the end of the period. */
export interface OverdueEntry {
  item: TrackedFix;
  status: SlaStatus;
  band: OverdueAgeBand;
}

/** A breach inside the period, with its uncovered intervals. */
export interface BreachEntry {
  item: TrackedFix;
  intervals: TimeInterval[];
  /** Total uncovered breach time inside the period, in milliseconds. */
  durationMs: number;
}

/** Counts per tier and age band. */
export type OverdueByTier = Record<`${Tier}`, Record<OverdueAgeBand, number>>;

/** The compliance figures of one period. Shares are fractions 0-1, unrounded; null when nothing to divide. */
export interface ComplianceReport {
  period: TimeInterval;
  assets: {
    total: number;
    /** Assets with no missing fix at all at `to`. */
    fullyPatched: number;
    fullyPatchedShare: number | null;
    /** Assets with no missing security fix at `to` (the figure insurers usually ask for). */
    securityPatched: number;
    securityPatchedShare: number | null;
  };
  /** Fixes missing at `to`, by SLA state. */
  missing: {
    total: number;
    within: number;
    dueSoon: number;
    overdue: number;
    excepted: number;
    /** (within + due soon + excepted) / total: a documented exception counts as compliant. */
    withinSlaShare: number | null;
  };
  /** Fixes overdue at `to` without an exception, by tier (the applied one) and age band. */
  overdue: {
    byTier: OverdueByTier;
    /** Longest overdue first, then tier, asset, name. */
    items: OverdueEntry[];
  };
  /** The missing security fix first seen earliest, with its age in local days at `to`. */
  /** The missing security fix whose SLA clock started earliest; its age counts local days from that clock start. */
  oldestMissingSecurity: { item: TrackedFix; firstSeenAt: string; clockStart: ClockStart; ageDays: number } | null;
  exceptions: {
    /** Every entry's status at `to`. */
    byStatus: Record<ExceptionStatus, number>;
    /** Active or expiring soon at `to`. */
    active: number;
    expired: number;
    /** Entries whose expiry fell inside the period and were not closed or renewed first. */
    expiredDuringPeriod: number;
  };
  /** Fixes in uncovered breach at some time inside the period, longest total breach first. */
  breaches: BreachEntry[];
}

function missingAt(item: TrackedFix, at: number): boolean {
  return parseInstant(item.firstSeenAt) <= at && (item.resolvedAt === null || parseInstant(item.resolvedAt) > at);
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function compareItems(a: TrackedFix, b: TrackedFix): number {
  return a.assetId - b.assetId || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || parseInstant(a.firstSeenAt) - parseInstant(b.firstSeenAt);
}

/** Older first: the earlier SLA clock start (publication or first seen, see `slaClockStart`), then the domain's order. */
function olderFirst(a: TrackedFix, b: TrackedFix, policy: PatchPolicy): number {
  return parseInstant(slaClockStart(a, policy).at) - parseInstant(slaClockStart(b, policy).at) || compareItems(a, b);
}

/**
 * The compliance report of a period: the snapshot figures at `period.to` (patched assets, SLA
 * standing of missing fixes, overdue fixes by tier and age, the oldest missing security fix,
 * exception statuses) and the uncovered breach intervals of every fix inside the period.
 *
 * @throws RangeError for unreadable dates, an unknown time zone, or a period ending before it starts.
 */
export function complianceReport(input: ComplianceInput): ComplianceReport {
  const period = parsePeriod(input.period);
  const at = input.period.to;

  const assetIds = new Set(input.assetIds ?? []);
  for (const item of input.items) assetIds.add(item.assetId);
  const withMissing = new Set<number>();
  const withMissingSecurity = new Set<number>();

  const missing = { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0 };
  const byTier = Object.fromEntries(TIERS.map((t) => [`${t}`, Object.fromEntries(OVERDUE_AGE_BANDS.map((b) => [b, 0]))])) as OverdueByTier;
  const overdueItems: OverdueEntry[] = [];
  let oldest: TrackedFix | null = null;

  for (const item of input.items) {
    if (!missingAt(item, period.to)) continue;
    const security = normaliseSeverity(item).security;
    withMissing.add(item.assetId);
    if (security) withMissingSecurity.add(item.assetId);
    if (security && (oldest === null || olderFirst(item, oldest, input.policy) < 0)) oldest = item;

    const status = slaStatus(item, input.policy, at, input.exceptions);
    missing.total += 1;
    if (status.state === 'within') missing.within += 1;
    else if (status.state === 'due_soon') missing.dueSoon += 1;
    else if (status.state === 'excepted') missing.excepted += 1;
    else {
      missing.overdue += 1;
      const band = overdueAgeBand(status.overdueDays);
      byTier[`${status.tier}`][band] += 1;
      overdueItems.push({ item, status, band });
    }
  }
  overdueItems.sort((a, b) => b.status.overdueDays - a.status.overdueDays || a.status.tier - b.status.tier || compareItems(a.item, b.item));

  const byStatus = Object.fromEntries(EXCEPTION_STATUSES.map((s) => [s, 0])) as Record<ExceptionStatus, number>;
  let expiredDuringPeriod = 0;
  for (const exception of input.exceptions) {
    byStatus[exceptionStatus(exception, at)] += 1;
    const expiry = parseInstant(exception.expiresAt);
    const endedEarly = exception.renewedById != null || (exception.closedAt != null && parseInstant(exception.closedAt) <= expiry);
    if (!endedEarly && expiry >= period.from && expiry < period.to) expiredDuringPeriod += 1;
  }

  const breaches: BreachEntry[] = [];
  for (const item of input.items) {
    const intervals = breachIntervalsMs(item, input.policy, input.exceptions, period);
    if (intervals.length === 0) continue;
    breaches.push({
      item,
      intervals: intervals.map((i) => ({ from: formatInstant(i.from), to: formatInstant(i.to) })),
      durationMs: intervals.reduce((sum, i) => sum + (i.to - i.from), 0),
    });
  }
  breaches.sort((a, b) => b.durationMs - a.durationMs || compareItems(a.item, b.item));

  const oldestEntry =
    oldest === null
      ? null
      : {
          item: oldest,
          firstSeenAt: oldest.firstSeenAt,
          clockStart: slaClockStart(oldest, input.policy),
          ageDays: localDaysBetween(localDateOf(parseInstant(slaClockStart(oldest, input.policy).at), oldest.timeZone), localDateOf(period.to, oldest.timeZone)),
        };

  const fullyPatched = assetIds.size - withMissing.size;
  const securityPatched = assetIds.size - withMissingSecurity.size;
  return {
    period: { from: input.period.from, to: input.period.to },
    assets: {
      total: assetIds.size,
      fullyPatched,
      fullyPatchedShare: share(fullyPatched, assetIds.size),
      securityPatched,
      securityPatchedShare: share(securityPatched, assetIds.size),
    },
    missing: { ...missing, withinSlaShare: share(missing.within + missing.dueSoon + missing.excepted, missing.total) },
    overdue: { byTier, items: overdueItems },
    oldestMissingSecurity: oldestEntry,
    exceptions: {
      byStatus,
      active: byStatus.active + byStatus.expiring_soon,
      expired: byStatus.expired,
      expiredDuringPeriod,
    },
    breaches,
  };
}
