import type { Asset } from '../../../../shared/contract';
import { exposureLevel, type Classification } from '../../../../shared/domain/risk-tier';

/** The exposure questions, as asked in the classify panel. */
export const EXPOSURE_QUESTIONS = [
  { key: 'internetFacing', label: 'Internet-facing', description: 'Reachable from the internet: public IP, port forward, published service.' },
  { key: 'privilegedData', label: 'Privileged or regulated data', description: 'Handles credentials, payments, health or personal data.' },
  { key: 'untrustedReachable', label: 'Reachable from untrusted networks', description: 'Guest Wi-Fi, partner VPN, or a flat network shared with user devices.' },
] as const;

/** Which assets the tiers list shows. */
export type TierListFilter = 'all' | 'unclassified' | 'overridden';

/** Assets that take part in tiering: the active inventory. */
export function tierableAssets(assets: readonly Asset[]): Asset[] {
  return assets.filter((asset) => asset.status === 'active');
}

/** Applies the tiers list filter. */
export function filterTierList(assets: readonly Asset[], filter: TierListFilter): Asset[] {
  if (filter === 'unclassified') return assets.filter((asset) => asset.classification === null);
  if (filter === 'overridden') return assets.filter((asset) => asset.tierOverride !== null);
  return [...assets];
}

/** The answers shared by every selected asset, to prefill the panel; null when they differ or are missing. */
export function sharedClassification(assets: readonly Asset[]): Classification | null {
  const first = assets[0]?.classification;
  if (!first) return null;
  const same = assets.every((asset) => {
    const c = asset.classification;
    return c !== null && c.impact === first.impact && c.internetFacing === first.internetFacing && c.privilegedData === first.privilegedData && c.untrustedReachable === first.untrustedReachable;
  });
  return same ? { ...first } : null;
}

/** The exposure answers as a short phrase for the table. */
export function exposureSummary(classification: Classification | null): string {
  if (!classification) return '';
  const level = exposureLevel(classification);
  return level === 'high' ? 'Internet-facing' : level === 'elevated' ? (classification.privilegedData ? 'Privileged data' : 'Untrusted reach') : 'Internal';
}
