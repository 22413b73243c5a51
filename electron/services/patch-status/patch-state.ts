/**
 * Pure rules for a host's patch state, shared by the overview and the reports. Fix ages are not
 * counted here: shared/domain/sla/oldest-fix.ts counts them, in the site's local days.
 */
import type { PatchState } from '../../../shared/contract/patch-status';

/** The facts the state is decided from. */
export interface PatchFacts {
  collected: boolean;
  /** A collection succeeded within the policy's freshness limit (see shared/domain/coverage.ts). */
  measured: boolean;
  lastCollectionFailed: boolean;
  unsupportedOs: boolean;
  pending: number;
  security: number;
  rebootRequired: boolean | null;
}

/** Every state a host is in (overview counts overlap: a host can need a reboot and have security fixes). */
export function patchStates(facts: PatchFacts): PatchState[] {
  // The inventory's OS can be known past end of life before any collection.
  if (!facts.collected) return facts.unsupportedOs ? ['never_collected', 'unsupported_os'] : ['never_collected'];
  const states: PatchState[] = [];
  if (facts.lastCollectionFailed) states.push('unreachable');
  // Unmeasured is not patched: a host without a fresh success is never up to date.
  else if (!facts.measured) states.push('not_measured');
  if (facts.unsupportedOs) states.push('unsupported_os');
  if (facts.security > 0) states.push('security_pending');
  if (facts.rebootRequired === true) states.push('reboot_pending');
  if (facts.pending > 0) states.push('updates_pending');
  if (states.length === 0) states.push('up_to_date');
  return states;
}

/** The most urgent state, for one badge per host. */
export function primaryState(facts: PatchFacts): PatchState {
  return patchStates(facts)[0] ?? 'never_collected';
}
