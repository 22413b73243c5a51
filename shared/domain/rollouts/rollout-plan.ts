/**
 * The words a rollout plan is made of: its lifecycle states, what it selects, its reboot policy,
 * and the rules about which actions each state allows. Pure, so the contract, the services and the
 * screens agree on them.
 */

/** Where a rollout is in its life. */
export const ROLLOUT_STATES = ['planned', 'previewed', 'approved', 'running', 'waiting', 'halted', 'interrupted', 'completed', 'cancelled'] as const;
/** One of `ROLLOUT_STATES`. */
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** Which pending updates the plan takes. */
export const SELECTION_KINDS = ['all', 'security', 'packages'] as const;
/** One of `SELECTION_KINDS`. */
export type SelectionKind = (typeof SELECTION_KINDS)[number];

/** When hosts are rebooted after installing. */
export const REBOOT_POLICIES = ['never', 'if-required', 'always'] as const;
/** One of `REBOOT_POLICIES`. */
export type RebootPolicy = (typeof REBOOT_POLICIES)[number];

/** What an admin can ask of a rollout. */
export type RolloutAction = 'preview' | 'approve' | 'start' | 'halt' | 'resume' | 'cancel' | 'rollback' | 'approve_gate';

/** The states in which each action is allowed. */
const ALLOWED: Record<RolloutAction, readonly RolloutState[]> = {
  // Previewing again after approval would change what was approved: it withdraws the approval.
  preview: ['planned', 'previewed', 'approved'],
  approve: ['previewed'],
  start: ['approved'],
  halt: ['running', 'waiting'],
  resume: ['halted', 'interrupted', 'waiting'],
  cancel: ['planned', 'previewed', 'approved', 'running', 'waiting', 'halted', 'interrupted'],
  rollback: ['halted', 'interrupted', 'completed', 'cancelled', 'waiting'],
  approve_gate: ['waiting', 'running', 'halted', 'interrupted'],
};

/** Whether `action` is allowed in `state`. */
export function actionAllowed(state: RolloutState, action: RolloutAction): boolean {
  return ALLOWED[action].includes(state);
}

/** Why `action` is refused in `state`, in words; undefined when it is allowed. */
export function actionRefusal(state: RolloutState, action: RolloutAction): string | undefined {
  if (actionAllowed(state, action)) return undefined;
  const allowed = ALLOWED[action].join(', ');
  return `a rollout that is ${state} cannot be ${PAST[action]} (only one that is ${allowed})`;
}

const PAST: Record<RolloutAction, string> = {
  preview: 'previewed',
  approve: 'approved',
  start: 'started',
  halt: 'halted',
  resume: 'resumed',
  cancel: 'cancelled',
  rollback: 'rolled back',
  approve_gate: 'given a gate approval',
};

/** States in which a rollout holds its hosts: another rollout must not touch them. */
export const ACTIVE_STATES: readonly RolloutState[] = ['approved', 'running', 'waiting', 'halted', 'interrupted'];

/**
 * The version each package is pinned to, chosen where it is first seen in ring order: the earliest
 * ring's hosts decide, and every later host gets that exact version.
 */
export function pinVersions(hostsInRingOrder: readonly { packages: readonly { name: string; to: string }[] }[]): Map<string, string> {
  const pins = new Map<string, string>();
  for (const host of hostsInRingOrder) for (const change of host.packages) if (!pins.has(change.name)) pins.set(change.name, change.to);
  return pins;
}
