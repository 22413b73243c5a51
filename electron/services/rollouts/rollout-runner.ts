/**
 * Runs a rollout's rings in order: in each ring up to `concurrency` hosts at a time; before each
 * host starts, the rollout must still be running (halt and cancel stop new hosts, never a running
 * package transaction), the failure budget across all rings must not be spent, and the ring's
 * maintenance window must let the host finish before its closing buffer. After a ring, its gate
 * (ring-gate.ts) decides whether the next ring may start, waits out a soak, or waits for an admin.
 */
import { describeFailureBudget, allowedFailures, budgetExhausted, parseFailureBudget } from '../../../shared/domain/rollouts/failure-budget';
import { countVerdicts, hostVerdict, type HostState } from '../../../shared/domain/rollouts/host-outcome';
import { describeGateWait, ringGate } from '../../../shared/domain/rollouts/ring-gate';
import type { RolloutState } from '../../../shared/domain/rollouts/rollout-plan';
import { hostSlot } from '../../../shared/domain/rollouts/window-slot';
import { formatZonedDateTime } from '../../../shared/domain/sla/local-time';
import type { MaintenanceWindow } from '../../../shared/domain/cycles/maintenance-window';
import type { HostRecord, RingRecord, RolloutRecord } from '../../db/repositories/rollouts.repository';
import { SLOT_ESTIMATE } from './rollout-preview';

/** What the runner reads and writes; the service binds it to the repository and the hosts. */
export interface RunnerPort {
  rollout(): RolloutRecord;
  rings(): RingRecord[];
  hosts(): HostRecord[];
  /** Runs one host to its end state (recorded by the port). */
  runHost(host: HostRecord): Promise<void>;
  /** Re-runs the post checks on a ring's successful hosts; null when the ring has none to run. */
  ringHealth(ring: RingRecord, hosts: HostRecord[]): Promise<boolean | null>;
  setRingTimes(ringId: number, times: { startedAt?: string; endedAt?: string | null }): void;
  /** Why the ring still waits for manual steps (network devices an admin installs by hand), or null; such a ring holds the rollout `waiting`. */
  manualWait?(ring: RingRecord): string | null;
  /** Ends the run in `state` (not `running`) with the reason, unless an admin already moved it; `resumeAtMs`: when a closed window opens again. */
  settle(state: RolloutState, reason: string, resumeAtMs?: number): void;
  windows: readonly MaintenanceWindow[];
  timeZone: string;
  nowMs(): number;
  /** Waits (soak), or rejects when the job is stopped. */
  sleepUntil(ms: number): Promise<void>;
  signal: AbortSignal;
}

const TERMINAL = (state: HostState) => hostVerdict(state) !== 'open';

/** The budget's standing over the rollout's hosts. */
export function budgetStanding(rollout: RolloutRecord, hosts: readonly HostRecord[]): { described: string; allowed: number; failures: number; exhausted: boolean } {
  const budget = parseFailureBudget(rollout.failureBudget);
  const failures = countVerdicts(hosts.map((host) => host.state)).failure;
  return { described: describeFailureBudget(budget, hosts.length), allowed: allowedFailures(budget, hosts.length), failures, exhausted: budgetExhausted(budget, hosts.length, failures) };
}

/** The gate after `ring` as it stands (health: null when not yet known). */
export function gateOf(ring: RingRecord, hosts: readonly HostRecord[], health: boolean | null, nowMs: number): ReturnType<typeof ringGate> {
  const states = hosts.map((host) => host.state);
  const endedAtMs = ring.endedAt === null ? null : Date.parse(ring.endedAt);
  const gate = ringGate({
    policy: { soakMinutes: ring.gate.soakMinutes, requireApproval: ring.gate.manualApproval },
    hostStates: states,
    endedAtMs,
    healthChecksPassed: ring.gate.healthPassed ? health : true,
    approvedAtMs: ring.gateApprovedAt === null ? null : Date.parse(ring.gateApprovedAt),
    nowMs,
  });
  if (ring.gate.allVerified && countVerdicts(states).failure > 0) {
    const waits = gate.open ? [] : gate.waits;
    return { open: false, waits: [...waits, { reason: 'health_checks_failed' }] };
  }
  return gate;
}

/** Runs the rollout until it completes, halts, waits for an admin or a window, or the job stops. */
export async function runRollout(port: RunnerPort): Promise<void> {
  const rings = port.rings();
  for (const [index, ring] of rings.entries()) {
    const ringHosts = () => port.hosts().filter((host) => host.ringId === ring.id);
    if (!ringHosts().every((host) => TERMINAL(host.state))) {
      const stop = await runRing(port, ring, ringHosts);
      if (stop) return stop.resumeAtMs === undefined ? port.settle(stop.state, stop.reason) : port.settle(stop.state, stop.reason, stop.resumeAtMs);
      const manual = port.manualWait?.(ring) ?? null;
      if (manual !== null) return port.settle('waiting', manual);
      port.setRingTimes(ring.id, { endedAt: new Date(port.nowMs()).toISOString() });
    }
    if (index === rings.length - 1) break;
    const verdict = await passGate(port, ring, ringHosts());
    if (verdict) return port.settle(verdict.state, verdict.reason);
  }
  const standing = budgetStanding(port.rollout(), port.hosts());
  const counts = countVerdicts(port.hosts().map((host) => host.state));
  port.settle('completed', `${counts.success} succeeded, ${counts.failure} failed, ${counts.not_attempted} not attempted; failure budget ${standing.described}`);
}

type RingStop = { state: RolloutState; reason: string; resumeAtMs?: number };

async function runRing(port: RunnerPort, ring: RingRecord, ringHosts: () => HostRecord[]): Promise<RingStop | null> {
  const queue = ringHosts().filter((host) => host.state === 'pending');
  let stop: RingStop | null = null;
  const mayStart = (): RingStop | null => {
    if (port.signal.aborted) return { state: 'interrupted', reason: 'the job was stopped' };
    const rollout = port.rollout();
    if (rollout.state !== 'running') return { state: rollout.state, reason: rollout.stateReason };
    const standing = budgetStanding(rollout, port.hosts());
    if (standing.exhausted) return { state: 'halted', reason: `the failure budget is spent: ${standing.failures} failed, ${standing.described} allowed; no further host starts` };
    if (ring.windowRing !== null) {
      const slot = hostSlot(port.windows, ring.windowRing, port.nowMs(), port.timeZone, { estimatedMinutes: SLOT_ESTIMATE.installMinutes + SLOT_ESTIMATE.rebootMinutes, closingBufferMinutes: SLOT_ESTIMATE.closingBufferMinutes });
      if (slot.start === 'later') return { state: 'waiting', reason: `waiting for the maintenance window of ring ${ring.name}: no host starts when it cannot finish before the window closes; the next one that fits opens at ${formatZonedDateTime(slot.atMs, port.timeZone)}`, resumeAtMs: slot.atMs };
      if (slot.start === 'never') return { state: 'halted', reason: slot.reason };
    }
    return null;
  };
  const worker = async () => {
    for (;;) {
      if (stop) return;
      const host = queue.shift();
      if (!host) return;
      const refusal = mayStart();
      if (refusal) {
        stop ??= refusal;
        return;
      }
      port.setRingTimes(ring.id, { startedAt: new Date(port.nowMs()).toISOString() });
      await port.runHost(host);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(ring.concurrency, queue.length)) }, worker));
  if (stop) return stop;
  if (port.signal.aborted) return { state: 'interrupted', reason: 'the job was stopped' };
  return null;
}

async function passGate(port: RunnerPort, ring: RingRecord, hosts: HostRecord[]): Promise<{ state: RolloutState; reason: string } | null> {
  const health = await port.ringHealth(ring, hosts);
  for (;;) {
    const current = port.rings().find((candidate) => candidate.id === ring.id) ?? ring;
    const gate = gateOf(current, hosts, health ?? true, port.nowMs());
    if (gate.open) return null;
    const soak = gate.waits.find((wait) => wait.reason === 'soaking');
    const others = gate.waits.filter((wait) => wait.reason !== 'soaking');
    if (others.length === 0 && soak && soak.reason === 'soaking' && Number.isFinite(soak.untilMs)) {
      await port.sleepUntil(soak.untilMs);
      if (port.signal.aborted) return { state: 'interrupted', reason: 'the job was stopped while ring soaked' };
      continue;
    }
    const words = gate.waits.map((wait) => describeGateWait(wait, ring.name)).join('; ');
    const onlyApproval = others.every((wait) => wait.reason === 'approval_needed');
    return onlyApproval ? { state: 'waiting', reason: `gate after ring ${ring.name}: ${words}` } : { state: 'halted', reason: `gate after ring ${ring.name} stays closed: ${words}` };
  }
}
