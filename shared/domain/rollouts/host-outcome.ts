/**
 * What became of one host in a rollout. Gates and the failure budget count these explicitly: an
 * unreachable host is "not attempted", never silently a success or a failure.
 */

/** Every state a host moves through, and where it ends. */
export const HOST_STATES = ['pending', 'running', 'nothing_to_do', 'installed', 'installed_with_warnings', 'failed', 'rolled_back', 'rollback_failed', 'unreachable', 'preflight_blocked', 'skipped'] as const;
/** One of `HOST_STATES`. */
export type HostState = (typeof HOST_STATES)[number];

/** How a state counts for gates and the budget. */
export type HostVerdict = 'open' | 'success' | 'failure' | 'not_attempted';

/** The verdict of a state: still open, a success, a failure, or not attempted. */
export function hostVerdict(state: HostState): HostVerdict {
  switch (state) {
    case 'pending':
    case 'running':
      return 'open';
    case 'nothing_to_do':
    case 'installed':
    case 'installed_with_warnings':
      return 'success';
    case 'failed':
    case 'rolled_back':
    case 'rollback_failed':
      // A host rolled back after failing its checks still failed the change.
      return 'failure';
    case 'unreachable':
    case 'preflight_blocked':
    case 'skipped':
      return 'not_attempted';
  }
}

/** Counts of verdicts over hosts. */
export interface VerdictCounts {
  open: number;
  success: number;
  failure: number;
  not_attempted: number;
}

/** Counts each verdict among `states`. */
export function countVerdicts(states: readonly HostState[]): VerdictCounts {
  const counts: VerdictCounts = { open: 0, success: 0, failure: 0, not_attempted: 0 };
  for (const state of states) counts[hostVerdict(state)]++;
  return counts;
}
