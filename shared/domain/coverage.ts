/**
 * Coverage: which assets in scope were actually measured at an instant. Unmeasured is not
 * patched: an asset counts in the fully-patched and security-patched shares only if a collection
 * of it (online or an offline import) succeeded within the policy's freshness limit before the
 * instant. Every other asset is a coverage gap, for one of three reasons, and every screen, file
 * and report lists gaps with this rule, these reasons, these words and this order.
 */
import type { Tier } from './risk-tier';
import { DAY_MS, formatInstant, formatLocalDate, localDateOf, parseInstant } from './sla/local-time';

/** Why an asset is not measured: never collected, its latest collection failed, or its last success is too old. */
export const COVERAGE_GAP_REASONS = ['never_collected', 'last_failed', 'stale'] as const;
/** One of `COVERAGE_GAP_REASONS`. */
export type CoverageGapReason = (typeof COVERAGE_GAP_REASONS)[number];

/** An asset's collections as of the instant asked about (later ones must be left out by the caller). */
export interface CollectionFacts {
  /** The latest collection attempt at or before the instant; null when none. */
  latest: { at: string; outcome: 'ok' | 'failed'; errorCode: string | null; message: string } | null;
  /** The latest successful collection at or before the instant; null when none. */
  lastSuccessAt: string | null;
}

/** Why an asset is not measured, with the facts that say so. */
export interface CoverageGapFacts {
  reason: CoverageGapReason;
  /** The latest successful collection; null when none ever succeeded. */
  lastSuccessAt: string | null;
  /** When the last success stopped counting (success + freshness limit); null without one. */
  staleSince: string | null;
  /** The failed latest collection, for `last_failed`; null otherwise. */
  failure: { at: string; errorCode: string | null; message: string } | null;
}

/** Whether an asset was measured at an instant, and if not, why. */
export type Measurement = { measured: true; lastSuccessAt: string } | ({ measured: false } & CoverageGapFacts);

/**
 * The measured rule. Measured: the last success is at most `freshnessDays` days (of 24 hours)
 * before `atMs`. Otherwise: `last_failed` when the latest attempt failed (whether or not an older
 * success exists), `stale` when the latest attempt succeeded but too long ago, `never_collected`
 * when nothing was ever attempted. A failure after a fresh success leaves the asset measured by
 * that success (its figures are still that recent).
 *
 * @throws RangeError for unreadable instants.
 */
export function measurementAt(facts: CollectionFacts, atMs: number, freshnessDays: number): Measurement {
  const successMs = facts.lastSuccessAt === null ? null : parseInstant(facts.lastSuccessAt);
  const limitMs = freshnessDays * DAY_MS;
  // No lower bound: the caller gives facts as of the instant, and a success stamped a little
  // after it (a host clock ahead) is still a success.
  if (facts.lastSuccessAt !== null && successMs !== null && atMs - successMs <= limitMs) return { measured: true, lastSuccessAt: facts.lastSuccessAt };
  const staleSince = successMs === null ? null : formatInstant(successMs + limitMs);
  if (facts.latest?.outcome === 'failed') {
    return { measured: false, reason: 'last_failed', lastSuccessAt: facts.lastSuccessAt, staleSince, failure: { at: facts.latest.at, errorCode: facts.latest.errorCode, message: facts.latest.message } };
  }
  if (facts.lastSuccessAt !== null) return { measured: false, reason: 'stale', lastSuccessAt: facts.lastSuccessAt, staleSince, failure: null };
  return { measured: false, reason: 'never_collected', lastSuccessAt: null, staleSince: null, failure: null };
}

/** Whether an asset was measured at `atMs`, given the instants (ms) of its successful collections. */
export function measuredBySuccesses(successesMs: readonly number[], atMs: number, freshnessDays: number): boolean {
  const earliest = atMs - freshnessDays * DAY_MS;
  return successesMs.some((ms) => ms <= atMs && ms >= earliest);
}

/** A coverage gap as every list shows it. */
export interface CoverageGap extends CoverageGapFacts {
  assetId: number;
  assetName: string;
  tier: Tier | null;
}

/** The one order of gap lists: by reason (never collected, last failed, stale), then tier (unclassified last), name and id. */
export function compareCoverageGaps(a: CoverageGap, b: CoverageGap): number {
  const reason = COVERAGE_GAP_REASONS.indexOf(a.reason) - COVERAGE_GAP_REASONS.indexOf(b.reason);
  const tier = (a.tier ?? 5) - (b.tier ?? 5);
  return reason || tier || (a.assetName < b.assetName ? -1 : a.assetName > b.assetName ? 1 : 0) || a.assetId - b.assetId;
}

/**
 * Why an asset is not measured, in the words every surface uses: "never collected", "last
 * collection failed: host unreachable", "stale since 2026-11-03" (a local day in `timeZone`).
 */
export function coverageGapPhrase(gap: CoverageGapFacts, timeZone: string): string {
  switch (gap.reason) {
    case 'never_collected':
      return 'never collected';
    case 'last_failed': {
      const why = gap.failure?.message.trim() || gap.failure?.errorCode || 'unknown error';
      return `last collection failed: ${why}`;
    }
    case 'stale':
      return gap.staleSince === null ? 'stale' : `stale since ${formatLocalDate(localDateOf(parseInstant(gap.staleSince), timeZone))}`;
  }
}

/** A short label of a reason, for column headers and counts ("Never collected"). */
export const COVERAGE_GAP_LABELS: Record<CoverageGapReason, string> = { never_collected: 'Never collected', last_failed: 'Last collection failed', stale: 'Stale' };

/** "2 of 11 measured": the wording every share's denominator uses ("of N measured (M in scope)"). */
export function measuredPhrase(measured: number, inScope: number): string {
  return `of ${measured} measured (${inScope} in scope)`;
}
