import { plural } from '../../lib/format';

/** The next step on the risk-tiers step. */
export type TiersNextStep = { kind: 'inventory'; text: string } | { kind: 'classify'; text: string } | { kind: 'policy'; text: string };

/** Empty inventory → go back; unclassified assets → classify them; else → check the policy. */
export function tiersNextStep(activeCount: number, unclassified: number): TiersNextStep {
  if (activeCount === 0) return { kind: 'inventory', text: 'Accept hosts into the inventory first: only inventory assets get a tier' };
  if (unclassified > 0) return { kind: 'classify', text: `Classify ${plural(unclassified, 'asset')}` };
  return { kind: 'policy', text: 'Every asset has a tier. Check the patch policy’s deadlines' };
}
