import { TIER_LABELS, type Tier } from '../../../shared/domain/risk-tier';

/** A tier chip: coloured by tier, "Unclassified" when null. `compact` shows only "T1". */
export function TierBadge({ tier, compact = false, overridden = false }: { tier: Tier | null; compact?: boolean; overridden?: boolean }) {
  if (tier === null) {
    return <span className="tier-badge tier-badge--none">{compact ? '—' : 'Unclassified'}</span>;
  }
  const label = TIER_LABELS[tier];
  return (
    <span className={`tier-badge tier-badge--${tier}`} title={overridden ? `${label} (manual override)` : label}>
      {compact ? `T${tier}` : label}
      {overridden ? <span className="tier-badge__mark" aria-label="manual override">*</span> : null}
    </span>
  );
}
