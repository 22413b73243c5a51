/**
 * The gate between two rings: the next ring starts only when every host of this one has ended
 * (a failure inside the budget does not hold it), the ring's health checks passed, its soak time
 * has run since the last host ended, and, where the plan asks for it, an admin approved. The
 * gate says everything it is still waiting for, so the screen can show it.
 */
import { countVerdicts, type HostState } from './host-outcome';

/** What a ring's gate asks for. */
export interface RingGatePolicy {
  /** Minutes to wait after the ring's last host ended (0: none). */
  soakMinutes: number;
  requireApproval: boolean;
}

/** The ring's standing at `nowMs`. */
export interface RingGateInput {
  policy: RingGatePolicy;
  hostStates: readonly HostState[];
  /** When the ring's last host ended; null while any is open. */
  endedAtMs: number | null;
  /** The ring's health checks (after its hosts ended): null when not run yet. */
  healthChecksPassed: boolean | null;
  approvedAtMs: number | null;
  nowMs: number;
}

/** Why the gate is still closed. */
export type GateWait =
  | { reason: 'hosts_running'; open: number }
  | { reason: 'no_host_succeeded' }
  | { reason: 'health_checks_pending' }
  | { reason: 'health_checks_failed' }
  | { reason: 'soaking'; untilMs: number }
  | { reason: 'approval_needed' };

/** Whether the next ring may start, and if not, everything it waits for. */
export function ringGate(input: RingGateInput): { open: true } | { open: false; waits: GateWait[] } {
  const counts = countVerdicts(input.hostStates);
  const waits: GateWait[] = [];
  if (counts.open > 0) waits.push({ reason: 'hosts_running', open: counts.open });
  // A ring where nothing succeeded proves nothing about the change: it never opens the next one.
  else if (counts.success === 0 && input.hostStates.length > 0) waits.push({ reason: 'no_host_succeeded' });
  if (input.healthChecksPassed === null) waits.push({ reason: 'health_checks_pending' });
  else if (!input.healthChecksPassed) waits.push({ reason: 'health_checks_failed' });
  if (input.policy.soakMinutes > 0) {
    const untilMs = input.endedAtMs === null ? null : input.endedAtMs + input.policy.soakMinutes * 60_000;
    if (untilMs === null || input.nowMs < untilMs) waits.push({ reason: 'soaking', untilMs: untilMs ?? Number.POSITIVE_INFINITY });
  }
  if (input.policy.requireApproval && input.approvedAtMs === null) waits.push({ reason: 'approval_needed' });
  return waits.length === 0 ? { open: true } : { open: false, waits };
}

/** Describes what a gate waits for, in words. */
export function describeGateWait(wait: GateWait, ringName: string): string {
  switch (wait.reason) {
    case 'hosts_running':
      return `${wait.open} host${wait.open === 1 ? '' : 's'} of ring ${ringName} still open`;
    case 'no_host_succeeded':
      return `no host of ring ${ringName} succeeded`;
    case 'health_checks_pending':
      return `the health checks of ring ${ringName} have not run`;
    case 'health_checks_failed':
      return `the health checks of ring ${ringName} failed`;
    case 'soaking':
      return `ring ${ringName} soaks until ${Number.isFinite(wait.untilMs) ? new Date(wait.untilMs).toISOString() : 'its last host ends'}`;
    case 'approval_needed':
      return `an admin must approve the gate after ring ${ringName}`;
  }
}
