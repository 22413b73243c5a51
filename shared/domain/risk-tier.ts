/**
 * The risk-tier rule: business impact and exposure decide an asset's tier. Tier 1 is the most
 * important (shortest SLA, patched last in the rollout, first in every report). The rule is a
 * pure table so that the UI can show it exactly as it is applied.
 */

/** Business impact if the asset is down or compromised, from worst to mildest. */
export const IMPACT_LEVELS = ['critical', 'high', 'moderate', 'low'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** Exposure, summarised from the three exposure questions. */
export const EXPOSURE_LEVELS = ['high', 'elevated', 'limited'] as const;
export type ExposureLevel = (typeof EXPOSURE_LEVELS)[number];

/** The tiers. 1 is the most important. */
export const TIERS = [1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];

/** What the admin answers about one asset. */
export interface Classification {
  impact: ImpactLevel;
  /** Reachable from the internet (public IP, port forward, published service). */
  internetFacing: boolean;
  /** Handles privileged or regulated data (credentials, payments, health, personal data). */
  privilegedData: boolean;
  /** Reachable from untrusted networks: guest Wi-Fi, partner VPN, a flat network with user devices. */
  untrustedReachable: boolean;
}

/** Human labels, shared by the UI and the reports. */
export const IMPACT_LABELS: Record<ImpactLevel, string> = {
  critical: 'Critical: the business stops',
  high: 'High: a key process is impaired',
  moderate: 'Moderate: some people are slowed down',
  low: 'Low: little effect',
};

export const EXPOSURE_LABELS: Record<ExposureLevel, string> = {
  high: 'High: internet-facing',
  elevated: 'Elevated: privileged data or untrusted networks',
  limited: 'Limited: internal only, ordinary data',
};

export const TIER_LABELS: Record<Tier, string> = {
  1: 'Tier 1 · Critical',
  2: 'Tier 2 · High',
  3: 'Tier 3 · Standard',
  4: 'Tier 4 · Low',
};

/**
 * The tier table, indexed by impact then exposure. Internet exposure lifts a moderate asset to
 * tier 1 because that is where exploitation happens first; privileged data or untrusted reach
 * lifts by one step.
 */
export const TIER_TABLE: Record<ImpactLevel, Record<ExposureLevel, Tier>> = {
  critical: { high: 1, elevated: 1, limited: 1 },
  high: { high: 1, elevated: 1, limited: 2 },
  moderate: { high: 1, elevated: 2, limited: 3 },
  low: { high: 2, elevated: 3, limited: 4 },
};

/** Summarises the three exposure answers into one level. */
export function exposureLevel(classification: Classification): ExposureLevel {
  if (classification.internetFacing) return 'high';
  if (classification.privilegedData || classification.untrustedReachable) return 'elevated';
  return 'limited';
}

/** The tier the rule gives for a classification. */
export function computeTier(classification: Classification): Tier {
  return TIER_TABLE[classification.impact][exposureLevel(classification)];
}

/** The tier that applies: a manual override wins over the computed one; unclassified is null. */
export function effectiveTier(computed: Tier | null, override: Tier | null): Tier | null {
  return override ?? computed;
}
