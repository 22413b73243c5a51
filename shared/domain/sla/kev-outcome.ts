/**
 * THE rule for the SLA outcome of a known-exploited fix, on every surface (triage screen and CLI,
 * the evidence pack's section, data/vulnerabilities.csv and summary.json):
 *
 * - `met`: installed on or before its due date (local days of the site);
 * - `missed`: installed after its due date (`days`: days late);
 * - `overdue`: still missing after its due date (`days`: days overdue);
 * - `open`: still missing, due date not passed (`days`: days left);
 * - `not_measured`: no SLA clock can be told, with the reason (no fix offered, no fix yet, or the
 *   fix was already in place when Patchdesk first measured the host).
 *
 * The due date comes from the one SLA engine (the policy's tier/severity table and KEV rules); the
 * outcome then needs only three local dates, so anyone can recompute it from the pack's data.
 */
import { calendarDayNumber, type DeadlineRule } from './kev-rule';
import type { PreparedFix, SlaEngine } from './sla-engine';
import { formatLocalDate } from './local-time';

/** The outcomes, in the order reports count them. */
export const KEV_SLA_OUTCOMES = ['met', 'missed', 'open', 'overdue', 'not_measured'] as const;
/** One of `KEV_SLA_OUTCOMES`. */
export type KevSlaOutcomeKind = (typeof KEV_SLA_OUTCOMES)[number];

/** The outcome of one fix, with what it was judged from. */
export interface KevSlaOutcome {
  outcome: KevSlaOutcomeKind;
  /** The last allowed local day (`YYYY-MM-DD`); null when not measured. */
  dueDate: string | null;
  deadlineRule: DeadlineRule | null;
  /** The local day the fix was first measured installed; null while missing. */
  fixedOn: string | null;
  /** Days late (missed), overdue (overdue) or left (open); 0 for met; null when not measured. */
  days: number | null;
  /** Why it is not measured; null otherwise. */
  reason: string | null;
}

/** Words for each outcome, shared by every surface. */
export const KEV_SLA_OUTCOME_LABELS: Record<KevSlaOutcomeKind, string> = { met: 'met', missed: 'missed', open: 'open', overdue: 'overdue', not_measured: 'not measured' };

/** The outcome in a few words ("missed by 2 days", "overdue 6 days", "open, 3 days left"), the same on screen, in the CLI and the PDF. */
export function kevOutcomeHeadline(outcome: Pick<KevSlaOutcome, 'outcome' | 'days'>): string {
  const days = outcome.days ?? 0;
  const count = `${days} ${days === 1 ? 'day' : 'days'}`;
  if (outcome.outcome === 'missed') return `missed by ${count}`;
  if (outcome.outcome === 'overdue') return `overdue ${count}`;
  if (outcome.outcome === 'open') return `open, ${count} left`;
  return KEV_SLA_OUTCOME_LABELS[outcome.outcome];
}

/** The outcome in one line: headline, due date, or the reason it is not measured. */
export function kevOutcomeText(outcome: KevSlaOutcome): string {
  if (outcome.outcome === 'not_measured') return `not measured: ${outcome.reason ?? ''}`;
  return `${kevOutcomeHeadline(outcome)} (due ${outcome.dueDate ?? ''}${outcome.deadlineRule === 'policy' || outcome.deadlineRule === null ? '' : ', KEV rule'})`;
}

/**
 * The outcome from three local dates (`YYYY-MM-DD`): the due date, the day the fix was installed
 * (null while missing) and the day it is judged on.
 *
 * @throws RangeError for a date that is not a calendar date.
 */
export function kevOutcomeOfDates(dueDate: string, fixedOn: string | null, asOf: string, deadlineRule: DeadlineRule | null = null): KevSlaOutcome {
  const due = dayOf(dueDate);
  if (fixedOn !== null) {
    const fixed = dayOf(fixedOn);
    return { outcome: fixed <= due ? 'met' : 'missed', dueDate, deadlineRule, fixedOn, days: Math.max(0, fixed - due), reason: null };
  }
  const at = dayOf(asOf);
  return at > due ? { outcome: 'overdue', dueDate, deadlineRule, fixedOn: null, days: at - due, reason: null } : { outcome: 'open', dueDate, deadlineRule, fixedOn: null, days: due - at, reason: null };
}

/** A fix whose outcome cannot be told, and why. */
export function kevOutcomeNotMeasured(reason: string): KevSlaOutcome {
  return { outcome: 'not_measured', dueDate: null, deadlineRule: null, fixedOn: null, days: null, reason };
}

/**
 * The outcome of a fix the SLA engine prepared (its `resolvedAt` is when it was first measured
 * installed, null while missing), judged at `atMs`.
 */
export function kevOutcomeOf(engine: SlaEngine, fix: PreparedFix, atMs: number): KevSlaOutcome {
  const fixedOn = Number.isFinite(fix.resolvedMs) ? formatLocalDate(engine.localDate(fix.resolvedMs)) : null;
  return kevOutcomeOfDates(fix.dueDate, fixedOn, formatLocalDate(engine.localDate(atMs)), fix.deadlineRule);
}

function dayOf(date: string): number {
  const day = calendarDayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return day;
}
