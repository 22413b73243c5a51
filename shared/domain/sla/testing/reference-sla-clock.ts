/**
 * The reference SLA clock of one missing fix, kept as a test oracle only: a slow, literal
 * statement of the rules that sla-engine.ts must agree with on random data. Production code
 * uses the engine.
 *
 * When a fix is due and where it stands at an instant.
 *
 * Deadlines are counted in the site's local calendar days. The day the clock starts (the fix's
 * publication or the day it was first seen missing, see `slaClockStart`) is day 0 and does not
 * count, so a fix whose clock starts at 23:30 on the 31st with a 7-day SLA has seven full local
 * days and is due at the end of the 7th (the 7th of the next month). "End of day" is the first
 * instant of the following local day: the fix is overdue from that instant on, and `dueAt` holds
 * it (use `dueDate`, the last allowed local day, for display).
 */
import { slaDaysFor, type PatchPolicy, type Severity } from '../../patch-policy';
import { DEFAULT_TIER, isDueSoon, type SlaState } from '../sla-rules';
import type { Tier } from '../../risk-tier';
import { slaClockStart, type ClockBasis, type PublicationBasis } from '../clock-start';
import { exceptionCovers, exceptionWindowMs, type FixIdentity, type PatchException } from '../exception-status';
import { addLocalDays, formatInstant, type LocalDate, formatLocalDate, localDateOf, localDaysBetween, parseInstant, startOfLocalDay } from '../local-time';
import { normaliseSeverity, type SeverityBasis } from '../severity';

export { DEFAULT_TIER, DUE_SOON_FRACTION, DUE_SOON_MIN_DAYS, SLA_STATES, type SlaState } from '../sla-rules';

/** One missing fix on one asset, with what the SLA needs (a pending-update row plus its asset). */
export interface SlaItem extends FixIdentity {
  /** The asset's effective tier; null when unclassified (held to `DEFAULT_TIER`). */
  tier: Tier | null;
  /** When the fix was first seen missing (ISO-8601 instant). */
  firstSeenAt: string;
  /** When its vendor published it, if the source said (see `slaClockStart`). */
  publishedAt?: string | null;
  publishedBasis?: PublicationBasis | null;
  /** Whether the source flags it as a security fix; null when it cannot tell. */
  security: boolean | null;
  /** The source's severity text or CVSS score, normalised with `normaliseSeverity`. */
  severity?: string | number | null;
  /** The site's IANA time zone (`Europe/Berlin`), in which SLA days are counted. */
  timeZone: string;
}

/** A fix's deadline under a policy. */
export interface SlaDeadline {
  /** The tier applied: the asset's, or `DEFAULT_TIER`. */
  tier: Tier;
  tierDefaulted: boolean;
  severity: Severity;
  severityBasis: SeverityBasis;
  slaDays: number;
  /** The local date the fix was first seen missing (`YYYY-MM-DD`, site time). */
  firstSeenDate: string;
  /** The local date the SLA clock started (`YYYY-MM-DD`, site time): day 0 of the SLA. */
  clockStartDate: string;
  /** What the clock started from: the publication date or first seen (see `slaClockStart`). */
  clockBasis: ClockBasis;
  /** The last local day the fix may stay missing (`YYYY-MM-DD`, site time). */
  dueDate: string;
  /** The first instant the fix is overdue: the start of the local day after `dueDate`. */
  dueAt: string;
}

/** A fix's deadline and its standing at an instant. */
export interface SlaStatus extends SlaDeadline {
  state: SlaState;
  /** Local days past `dueDate` (1 on the first overdue day); 0 when not overdue. */
  overdueDays: number;
  /** Local days until `dueDate` (0 on the last allowed day); 0 when overdue. */
  remainingDays: number;
  /**
   * The exception covering the fix at that instant (the one running longest when several do),
   * or null. When set the state is `excepted`; the day counts still say where the SLA stands.
   */
  exception: PatchException | null;
}

/**
 * The deadline of a missing fix: the end of local day (clock start + SLA days) in the site's time
 * zone, the clock starting at publication or first seen as `slaClockStart` decides, with the SLA for the asset's tier (or `DEFAULT_TIER`) and the normalised severity.
 *
 * @throws RangeError for an unreadable `firstSeenAt`, an unknown time zone, or a policy whose SLA
 * is not a whole number of days.
 */
export function slaDeadline(item: SlaItem, policy: PatchPolicy): SlaDeadline {
  return computeDeadline(item, policy).deadline;
}

function computeDeadline(item: SlaItem, policy: PatchPolicy): { deadline: SlaDeadline; due: LocalDate; dueAtMs: number } {
  const tier = item.tier ?? DEFAULT_TIER;
  const { severity, basis } = normaliseSeverity(item);
  const slaDays = slaDaysFor(policy, tier, severity);
  if (!Number.isInteger(slaDays) || slaDays < 0) {
    throw new RangeError(`The policy's SLA for tier ${tier}, ${severity} is ${slaDays} days; expected a whole number of days`);
  }
  const firstSeen = localDateOf(parseInstant(item.firstSeenAt), item.timeZone);
  const start = slaClockStart(item, policy);
  const clockStart = localDateOf(parseInstant(start.at), item.timeZone);
  const due = addLocalDays(clockStart, slaDays);
  const dueAtMs = startOfLocalDay(addLocalDays(due, 1), item.timeZone);
  const deadline: SlaDeadline = {
    tier,
    tierDefaulted: item.tier == null,
    severity,
    severityBasis: basis,
    slaDays,
    firstSeenDate: formatLocalDate(firstSeen),
    clockStartDate: formatLocalDate(clockStart),
    clockBasis: start.basis,
    dueDate: formatLocalDate(due),
    dueAt: formatInstant(dueAtMs),
  };
  return { deadline, due, dueAtMs };
}

/**
 * Where a missing fix stands at `now`:
 *
 * - `excepted` while an exception covers it (see `exceptionCovers`), whatever the clock says;
 * - `overdue` from `dueAt` on;
 * - `due_soon` when `remainingDays` ≤ max(`DUE_SOON_MIN_DAYS`, `DUE_SOON_FRACTION` × SLA days):
 *   a 7-day SLA is due soon from 2 days before its due date, a 30-day one from 6 days before;
 * - `within` otherwise.
 *
 * Day counts are whole local calendar days, so they do not drift by an hour across DST changes.
 *
 * @throws RangeError as `slaDeadline` does, or for an unreadable `now` or exception date.
 */
export function slaStatus(item: SlaItem, policy: PatchPolicy, now: string, exceptions: readonly PatchException[] = []): SlaStatus {
  const { deadline, due, dueAtMs } = computeDeadline(item, policy);
  const nowMs = parseInstant(now);
  const today = localDateOf(nowMs, item.timeZone);
  const overdue = nowMs >= dueAtMs;
  // Negative once overdue: the local day of any instant from dueAt on is after the due date.
  const daysToDue = localDaysBetween(today, due);

  let exception: PatchException | null = null;
  let exceptionEnd = -Infinity;
  for (const candidate of exceptions) {
    if (!exceptionCovers(candidate, item, now)) continue;
    const end = exceptionWindowMs(candidate)?.to ?? -Infinity;
    if (end > exceptionEnd) {
      exception = candidate;
      exceptionEnd = end;
    }
  }

  let state: SlaState;
  if (exception) state = 'excepted';
  else if (overdue) state = 'overdue';
  else if (isDueSoon(daysToDue, deadline.slaDays)) state = 'due_soon';
  else state = 'within';

  return {
    ...deadline,
    state,
    overdueDays: overdue ? -daysToDue : 0,
    // Clamped for a "now" before the first sighting (clock skew between collector and viewer).
    remainingDays: overdue ? 0 : Math.min(daysToDue, deadline.slaDays),
    exception,
  };
}
