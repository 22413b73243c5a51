/**
 * The SLA rules every figure is judged by, stated once: the tier an unclassified asset is held
 * to, when a fix is due soon, the SLA states and the overdue age bands. The engine
 * (sla-engine.ts) applies them; the methodology page of the evidence pack quotes them.
 */
import type { Tier } from '../risk-tier';

/**
 * The tier an unclassified asset is held to. Tier 2, not 4: an asset nobody has classified yet
 * may well be important, and the lenient tiers must be earned by classifying it; not tier 1
 * either, so that an unclassified fleet does not drown the critical list.
 */
export const DEFAULT_TIER: Tier = 2;

/** A fix is due soon when at most this share of its SLA days is left... */
export const DUE_SOON_FRACTION = 0.2;

/** ...or at most this many days, whichever is more. */
export const DUE_SOON_MIN_DAYS = 2;

/** Where a missing fix stands against its SLA. */
export const SLA_STATES = ['within', 'due_soon', 'overdue', 'excepted'] as const;
/** One of `SLA_STATES`. */
export type SlaState = (typeof SLA_STATES)[number];

/** Whether a fix with `daysToDue` local days left of an `slaDays`-day SLA is due soon (not yet overdue). */
export function isDueSoon(daysToDue: number, slaDays: number): boolean {
  return daysToDue <= Math.max(DUE_SOON_MIN_DAYS, DUE_SOON_FRACTION * slaDays);
}

/** How long overdue fixes have been overdue, in local days. `90+` means more than 90. */
export const OVERDUE_AGE_BANDS = ['0-7', '8-30', '31-90', '90+'] as const;
/** One of `OVERDUE_AGE_BANDS`. */
export type OverdueAgeBand = (typeof OVERDUE_AGE_BANDS)[number];

/** The age band of a number of days overdue (0-7, 8-30, 31-90, more than 90). */
export function overdueAgeBand(overdueDays: number): OverdueAgeBand {
  if (overdueDays <= 7) return '0-7';
  if (overdueDays <= 30) return '8-30';
  if (overdueDays <= 90) return '31-90';
  return '90+';
}
