/**
 * What the live rollout view shows, computed from `rollouts:get`: hosts grouped into their ring's
 * column, each with its current step, how long it has taken, and the last lines it printed.
 */
import { formatInstantIn } from '../../lib/format';
import type { RolloutDetail, RolloutHost, RolloutHostEvent, RolloutRing } from '../../../../shared/contract';
import { hostVerdict } from '../../../../shared/domain/rollouts/host-outcome';

/** One ring column. */
export interface RingColumn {
  ring: RolloutRing;
  hosts: RolloutHost[];
  done: number;
}

/** Rings in order, each with its hosts (by name) and how many are finished. */
export function ringColumns(rollout: Pick<RolloutDetail, 'rings' | 'hosts'>): RingColumn[] {
  return [...rollout.rings]
    .sort((a, b) => a.position - b.position)
    .map((ring) => {
      const hosts = rollout.hosts.filter((host) => host.ringId === ring.id).sort((a, b) => a.hostname.localeCompare(b.hostname));
      return { ring, hosts, done: hosts.filter((host) => hostVerdict(host.state) !== 'open').length };
    });
}

/**
 * Milliseconds the host has spent so far: from its first step to its last one when finished, to
 * `nowMs` while it runs; null before it started. Times come from the host's recorded steps.
 */
export function hostElapsedMs(host: Pick<RolloutHost, 'startedAt' | 'finishedAt' | 'state'>, nowMs: number): number | null {
  if (!host.startedAt) return null;
  const start = Date.parse(host.startedAt);
  const end = host.finishedAt ? Date.parse(host.finishedAt) : host.state === 'running' ? nowMs : null;
  return end === null ? null : Math.max(0, end - start);
}

/** The last `count` non-empty output lines of the host's latest event that printed any. */
export function lastOutputLines(events: readonly RolloutHostEvent[], count = 3): string[] {
  for (let index = events.length - 1; index >= 0; index--) {
    const lines = (events[index]?.outputTail ?? '').split('\n').map((line) => line.trimEnd()).filter(Boolean);
    if (lines.length > 0) return lines.slice(-count);
  }
  return [];
}

// An instant as the services write it (toISOString), inside free text such as a step's output.
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/** Text with every ISO instant in it written as the site's local time (`2026-11-22 10:04`), like every other time on the screen. */
export function localiseInstants(text: string, timeZone: string): string {
  return text.replace(ISO_INSTANT, (instant) => formatInstantIn(instant, timeZone));
}

/** The step a host is on (or ended with), and its latest message. */
export function currentStep(host: Pick<RolloutHost, 'step' | 'message' | 'events'>): { step: string; message: string } {
  const last = host.events.at(-1);
  return { step: host.step || last?.step || '', message: host.message || last?.message || '' };
}

/** The ring whose gate waits for a person's approval now, if any. */
export function ringAwaitingApproval(rollout: Pick<RolloutDetail, 'rings' | 'state'>): RolloutRing | undefined {
  if (rollout.state === 'completed' || rollout.state === 'cancelled') return undefined;
  return rollout.rings.find((ring) => ring.gate.manualApproval && ring.gateApprovedAt === null && ring.endedAt !== null);
}

/** Hosts that can be rolled back: those that changed something (their packages moved, or a failed install). */
export function rollbackCandidates(hosts: readonly RolloutHost[]): RolloutHost[] {
  // A network device's manual step is undone by hand: never offered here.
  return hosts.filter((host) => host.manual === null && (host.state === 'installed' || host.state === 'installed_with_warnings' || host.state === 'failed'));
}
