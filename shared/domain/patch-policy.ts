/**
 * A site's patch policy: how many days a fix may stay missing, by tier and severity, and the
 * limits later capabilities build on (exception length, stale detection).
 */
import type { Tier } from './risk-tier';
import type { FixAgeBasis } from './sla/clock-start';
import { DEFAULT_FEED_AGE_LIMIT_DAYS, feedAgeLimits, type FeedAgeLimits } from './intel/feed-age';
import { DEFAULT_KEV_RULES, type KevSlaRule } from './sla/kev-rule';

/** Update severities, normalised from vendor scales (MSRC, distribution urgency, CVSS bands). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** SLA days for each tier and severity. */
export type SlaTable = Record<`${Tier}`, Record<Severity, number>>;

/** A site's patch policy. */
export interface PatchPolicy {
  slaDays: SlaTable;
  /** The longest an exception may run before it must be renewed. */
  maxExceptionDays: number;
  /** A host missing from this many completed scans in a row that covered it is flagged stale. */
  staleAfterMissedScans: number;
  /**
   * Where a missing fix's SLA clock starts: at the vendor's publication date when the source
   * gives one (`publication`), or always when Patchdesk first saw it missing (`first_seen`).
   */
  fixAgeBasis: FixAgeBasis;
  /**
   * An asset counts as measured at an instant only if a collection of it succeeded at most this
   * many days before (see shared/domain/coverage.ts).
   */
  freshnessDays: number;
  /**
   * Rules that shorten the deadline of fixes for known-exploited vulnerabilities (see
   * sla/kev-rule.ts), tried in order; a policy stored before they were editable reads
   * `DEFAULT_KEV_RULES`. They never lengthen a deadline.
   */
  kevRules: KevSlaRule[];
  /**
   * Days after which an imported vulnerability feed of each kind is flagged as old on the
   * dashboard, in `patchdesk intel status` and in the evidence pack (see intel/feed-age.ts);
   * a policy stored before the field existed reads `DEFAULT_FEED_AGE_LIMIT_DAYS` (withPolicyDefaults).
   */
  feedAgeLimitDays: FeedAgeLimits;
}

/** The default freshness limit: a weekly collection keeps an asset measured. */
export const DEFAULT_FRESHNESS_DAYS = 7;

/**
 * Defaults in line with common insurer and CIS guidance: critical fixes on tier-1 (for example
 * internet-facing) assets within 7 days, and nothing left beyond 180 days.
 */
export const DEFAULT_PATCH_POLICY: PatchPolicy = {
  slaDays: {
    '1': { critical: 7, high: 14, medium: 30, low: 60 },
    '2': { critical: 14, high: 30, medium: 60, low: 90 },
    '3': { critical: 30, high: 30, medium: 90, low: 180 },
    '4': { critical: 30, high: 60, medium: 120, low: 180 },
  },
  maxExceptionDays: 90,
  staleAfterMissedScans: 3,
  fixAgeBasis: 'publication',
  freshnessDays: DEFAULT_FRESHNESS_DAYS,
  kevRules: DEFAULT_KEV_RULES.map((rule) => ({ ...rule })),
  feedAgeLimitDays: DEFAULT_FEED_AGE_LIMIT_DAYS,
};

/**
 * A stored policy with every field a later version added filled from the defaults, so policies
 * saved before a field existed read as complete (site policies are stored as JSON): one saved
 * before `fixAgeBasis` counts from publication, one saved before `freshnessDays` uses 7 days, one
 * saved before `kevRules` applies the default KEV rules.
 */
export function withPolicyDefaults(stored: Partial<Omit<PatchPolicy, 'feedAgeLimitDays'>> & { feedAgeLimitDays?: Partial<FeedAgeLimits> }): PatchPolicy {
  return { ...DEFAULT_PATCH_POLICY, ...stored, slaDays: stored.slaDays ?? DEFAULT_PATCH_POLICY.slaDays, kevRules: (stored.kevRules ?? DEFAULT_KEV_RULES).map((rule) => ({ ...rule })), feedAgeLimitDays: feedAgeLimits(stored.feedAgeLimitDays) };
}

/** The SLA in days for a tier and severity under a policy. */
export function slaDaysFor(policy: PatchPolicy, tier: Tier, severity: Severity): number {
  return policy.slaDays[`${tier}`][severity];
}
