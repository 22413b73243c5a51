/**
 * A rollout started from a monthly or emergency cycle ticks that cycle's checklist when it
 * completes, with the rollout itself (as a JSON file) for evidence: the test and pilot ring items
 * by ring name, and the deploy and verification items only when every host succeeded and was
 * verified by a fresh collection. Anything less is left for the admin to judge (and says why).
 */
import type { CycleDetail } from '../../../shared/contract/cycles';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import type { TickInput } from '../cycles/cycles.service';

/** The cycle operations a rollout needs. */
export interface CyclePort {
  get(cycleId: number): CycleDetail;
  tick(request: TickInput): CycleDetail;
}

/** Items ticked per ring name, in both templates. */
const RING_ITEMS: Record<string, readonly string[]> = { test: ['test-ring', 'test'], pilot: ['pilot-ring'] };

/** The ticks a completed rollout earns in its cycle: `{ key, note }` per item, pending items only. */
export function ticksFor(rollout: RolloutDetail, cycle: CycleDetail): { key: string; note: string }[] {
  const pending = new Map(cycle.items.filter((item) => item.state === 'pending').map((item) => [item.key, item]));
  const ticks: { key: string; note: string }[] = [];
  const ok = (state: string) => state === 'installed' || state === 'installed_with_warnings' || state === 'nothing_to_do';
  for (const ring of rollout.rings) {
    const hosts = rollout.hosts.filter((host) => host.ringId === ring.id);
    if (hosts.length === 0 || !hosts.every((host) => ok(host.state))) continue;
    for (const key of RING_ITEMS[ring.name.toLowerCase()] ?? []) if (pending.has(key)) ticks.push({ key, note: `Rollout ${rollout.id} "${rollout.name}": ring ${ring.name}, ${hosts.length} host${hosts.length === 1 ? '' : 's'} updated and verified.` });
  }
  const allOk = rollout.hosts.length > 0 && rollout.hosts.every((host) => ok(host.state));
  const allVerified = rollout.hosts.every((host) => host.verifiedAt !== null);
  if (rollout.state === 'completed' && allOk) {
    for (const item of pending.values()) if (item.kind === 'deploy') ticks.push({ key: item.key, note: `Rollout ${rollout.id} "${rollout.name}" completed: ${rollout.hosts.length} host${rollout.hosts.length === 1 ? '' : 's'} updated.` });
    if (allVerified) for (const item of pending.values()) if (item.kind === 'rescan') ticks.push({ key: item.key, note: `Rollout ${rollout.id}: a fresh collection of each host showed the planned versions installed.` });
  }
  return ticks;
}

/** Ticks the rollout's cycle; returns what was ticked (an item the cycle refuses is skipped, never half-ticked). */
export function tickCycle(cycles: CyclePort, rollout: RolloutDetail, at: string): string[] {
  if (rollout.cycleId === null) return [];
  const cycle = cycles.get(rollout.cycleId);
  if (cycle.status !== 'open') return [];
  const evidence = { kind: 'file' as const, name: `rollout-${rollout.id}.json`, contentBase64: Buffer.from(JSON.stringify(rollout, null, 2)).toString('base64') };
  const ticked: string[] = [];
  for (const tick of ticksFor(rollout, cycle)) {
    cycles.tick({ cycleId: cycle.id, key: tick.key, state: 'done', note: tick.note, doneAt: at, evidence: [evidence] });
    ticked.push(tick.key);
  }
  return ticked;
}
