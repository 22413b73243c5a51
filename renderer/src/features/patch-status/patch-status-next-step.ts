import { plural } from '../../lib/format';

/** The facts the patch-status step's next step is decided from. */
export interface PatchStatusFacts {
  activeAssets: number;
  credentials: number;
  /** Active assets whose access method is "none". */
  withoutAccess: number;
  /** Active assets with an access method that were never collected. */
  neverCollected: number;
  changedHostKeys: number;
  securityPending: number;
}

/** The one next step of the patch-status screen, and how loud it should be. */
export type PatchStatusNextStep =
  | { kind: 'inventory'; text: string; tone: 'default' }
  | { kind: 'hostkeys'; text: string; tone: 'warning' }
  | { kind: 'credential'; text: string; tone: 'default' }
  | { kind: 'access'; text: string; tone: 'default' }
  | { kind: 'collect'; text: string; tone: 'default' }
  | { kind: 'security'; text: string; tone: 'default' }
  | { kind: 'done'; text: string; tone: 'default' };

/**
 * A changed host key comes first: it can mean someone is intercepting the connection, and the
 * host stays uncollected until it is settled. Then the setup in the order it is needed: a
 * credential, a way to reach each host, a first collection.
 */
export function patchStatusNextStep(facts: PatchStatusFacts): PatchStatusNextStep {
  if (facts.changedHostKeys > 0) return { kind: 'hostkeys', text: `Review ${plural(facts.changedHostKeys, 'changed host key')}: a changed key can mean an attack`, tone: 'warning' };
  if (facts.activeAssets === 0) return { kind: 'inventory', text: 'Accept hosts into the inventory first: only inventory assets are collected', tone: 'default' };
  if (facts.credentials === 0) return { kind: 'credential', text: 'Add a credential so Patchdesk can log in to your hosts', tone: 'default' };
  if (facts.withoutAccess > 0) return { kind: 'access', text: `Set how to reach ${plural(facts.withoutAccess, 'asset')} (SSH or WinRM)`, tone: 'default' };
  if (facts.neverCollected > 0) return { kind: 'collect', text: `Collect patch status from ${plural(facts.neverCollected, 'host')} not read yet`, tone: 'default' };
  if (facts.securityPending > 0) return { kind: 'security', text: `${plural(facts.securityPending, 'host')} ${facts.securityPending === 1 ? 'misses' : 'miss'} security fixes: open them to see what and since when`, tone: 'default' };
  return { kind: 'done', text: 'Every host is collected. Collect again before the monthly cycle', tone: 'default' };
}
