/**
 * THE rule for "the oldest missing fix" and its age, for every surface that shows it (the
 * dashboard, the Evidence preview, the PDF, summary.json, the fleet table and the asset drawer):
 * the oldest is the fix whose SLA clock started earliest (`slaClockStart`: publication when the
 * policy counts from it and the source gave a date, else first seen), and its age is the local
 * days in the site's time zone from that clock start to the instant measured, the same day
 * arithmetic the engine uses for deadlines and days overdue.
 */
import type { PreparedFix, SlaEngine } from './sla-engine';

/** The domain's order of fixes: asset, then name, then first seen. */
export function compareFixes(a: PreparedFix, b: PreparedFix): number {
  const nameA = a.record.name;
  const nameB = b.record.name;
  return a.record.assetId - b.record.assetId || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0) || a.firstSeenMs - b.firstSeenMs;
}

/** Negative when `a` is older than `b`: earlier clock start, then the domain's order (so ties are decided the same everywhere). */
export function olderByClock(a: PreparedFix, b: PreparedFix): number {
  return a.clockStartMs - b.clockStartMs || compareFixes(a, b);
}

/** `candidate` if it is older than `current` (or there is no current), else `current`. */
export function olderFix(current: PreparedFix | null, candidate: PreparedFix): PreparedFix {
  return current === null || olderByClock(candidate, current) < 0 ? candidate : current;
}

/**
 * A missing fix's age at an instant: local days from its clock start's day to the instant's day
 * (0 on the day the clock started). `atDay` is `engine.localDay(atMs)`, passed when the caller
 * has it. Never negative (a clock cannot start after the instant it is measured at).
 */
export function fixAgeDays(engine: SlaEngine, fix: PreparedFix, atDay: number): number {
  return Math.max(0, atDay - engine.localDay(fix.clockStartMs));
}

/** The oldest missing fix and its age, as every surface shows it. */
export interface OldestFix {
  fix: PreparedFix;
  ageDays: number;
}

/** The oldest of `fixes` and its age at local day `atDay`; null when there is none. */
export function oldestFixOf(engine: SlaEngine, fixes: Iterable<PreparedFix>, atDay: number): OldestFix | null {
  let oldest: PreparedFix | null = null;
  for (const fix of fixes) oldest = olderFix(oldest, fix);
  return oldest === null ? null : { fix: oldest, ageDays: fixAgeDays(engine, oldest, atDay) };
}
