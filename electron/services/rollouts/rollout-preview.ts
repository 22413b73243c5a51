/**
 * The preview before approval: for each host, in ring order, ask its package manager what the
 * plan would do (a simulation), pin each package to the version the earliest ring gets, list what
 * else would change, refuse removals nobody approved, say whether a reboot is expected and when
 * the host's window lets it start, and check that the versions a rollback returns to can still be
 * installed. Everything found is stored on the rollout's host rows.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { MaintenanceWindow } from '../../../shared/domain/cycles/maintenance-window';
import { pinVersions, type RebootPolicy } from '../../../shared/domain/rollouts/rollout-plan';
import { hostSlot, type HostSlot } from '../../../shared/domain/rollouts/window-slot';
import { isRemoteError } from '../remote/executor/remote-error';
import type { PackageSpec } from '../remote/operations/package-spec';
import type { HostAccess } from './host-access';
import type { PackageFamilyOperations, PlannedChange } from './package-family';
import { pinFor, WINDOWS_PACKAGE_MANAGER, windowsSelection } from './windows-selection';

/** The estimate a window slot is judged with: minutes of work per host, more with a reboot. */
export const SLOT_ESTIMATE = { installMinutes: 10, rebootMinutes: 10, closingBufferMinutes: 30 } as const;

/** What the preview needs to know about one host. */
export interface PreviewHostInput {
  hostId: number;
  asset: Asset;
  windowRing: MaintenanceWindow['ring'];
  /** The package manager the host's latest successful collection reported; null: never collected. */
  packageManager: string | null;
  /** The host's open pending updates, as the last collection saw them. */
  pending: readonly { name: string; kind: string; security: boolean | null }[];
  /** The host asked for a reboot at its last collection. */
  rebootPendingNow: boolean;
}

/** What the preview found for one host. */
export interface HostPreview {
  hostId: number;
  problem: string;
  rebootExpected: boolean | null;
  slot: string;
  packages: { name: string; title?: string; fromVersion: string | null; toVersion: string; requested: boolean; rollbackAvailable: boolean | null; rollbackSource: string }[];
}

/** Dependencies of {@link previewHosts}. */
export interface PreviewDeps {
  access: HostAccess;
  family: (packageManager: string) => PackageFamilyOperations | undefined;
  windows: readonly MaintenanceWindow[];
  timeZone: string;
  nowMs: number;
}

/** The plan fields the preview reads. */
export interface PreviewPlan {
  selection: { kind: 'all' | 'security' | 'packages'; packages: readonly string[]; kbs?: readonly string[] };
  rebootPolicy: RebootPolicy;
}

// Packages whose upgrade means a reboot (kernel, C library, init): Debian- and RPM-like names, and
// Alpine's kernel flavours (linux-lts, linux-virt, linux-edge) and C library (musl).
const REBOOT_LIKELY = /^(linux-image|linux-modules|linux-headers|linux-(lts|virt|edge)$|kernel|libc6|glibc|musl$|systemd|dbus|libssl)/;

/** The packages a plan takes on one host (on a Windows host: its KBs). */
export function selectedPackages(plan: PreviewPlan, pending: PreviewHostInput['pending'], packageManager: string | null = null): string[] {
  if (packageManager === WINDOWS_PACKAGE_MANAGER) return windowsSelection(plan.selection, pending);
  if (plan.selection.kind === 'packages') return [...plan.selection.packages];
  const fixes = pending.filter((update) => update.kind === 'upgrade' && (plan.selection.kind === 'all' || update.security === true));
  return [...new Set(fixes.map((update) => update.name))];
}

/** The slot in words. */
export function describeSlot(slot: HostSlot): string {
  if (slot.start === 'now') return slot.windowClosesAtMs === null ? 'now (no maintenance window applies)' : `now (window closes ${new Date(slot.windowClosesAtMs).toISOString()})`;
  if (slot.start === 'later') return `at ${new Date(slot.atMs).toISOString()} (window closes ${new Date(slot.windowClosesAtMs).toISOString()})`;
  return `never: ${slot.reason}`;
}

/**
 * Hosts previewed at a time. A preview only reads (a connection and one or two read-only package
 * manager queries) and mostly waits for the network and the host, so it runs wider than a ring's
 * install concurrency.
 */
export const PREVIEW_CONCURRENCY = 12;

/**
 * Previews every host, hosts given in ring order (the earliest ring pins the versions). The result
 * is the one a host-by-host preview gives: hosts run several at a time with the pins known when
 * they start, and a host that started before an earlier host pinned one of its packages is
 * previewed again, in order, with that pin. The first host runs alone, so a plan naming packages
 * pins them once and every other host runs with the pins.
 */
export async function previewHosts(deps: PreviewDeps, plan: PreviewPlan, hosts: readonly PreviewHostInput[], signal?: AbortSignal): Promise<HostPreview[]> {
  const pins = new Map<string, string>();
  const results: HostPreview[] = [];
  const commit = async (index: number, started: Promise<{ result: HostPreview; unpinned: string[] }>) => {
    const host = hosts[index] as PreviewHostInput;
    const ran = await started;
    let result = ran.result;
    // A package this host ran without a pin that an earlier host has pinned since: run it again with the pin.
    if (ran.unpinned.some((name) => pinFor(pins, name) !== undefined)) result = await previewOne(deps, plan, host, new Map(pins), signal);
    results.push(result);
    if (result.problem !== '') return;
    for (const [name, version] of pinVersions([{ packages: result.packages.filter((item) => item.requested).map((item) => ({ name: item.name, to: item.toVersion })) }])) if (!pins.has(name)) pins.set(name, version);
  };
  const start = (index: number) => {
    const host = hosts[index] as PreviewHostInput;
    const snapshot = new Map(pins);
    const unpinned = selectedPackages(plan, host.pending, host.packageManager).filter((name) => pinFor(snapshot, name) === undefined);
    const ran = previewOne(deps, plan, host, snapshot, signal).then((result) => ({ result, unpinned }));
    // Its error is met when its turn to commit comes; until then it must not count as unhandled.
    ran.catch(() => undefined);
    return ran;
  };
  if (hosts.length === 0) return results;
  await commit(0, start(0));
  // The rest: up to PREVIEW_CONCURRENCY running, a new one starting as soon as any ends (a slow
  // host holds up no other start), committed (and pinned) strictly in host order.
  type Run = Promise<{ result: HostPreview; unpinned: string[] }>;
  const launched = new Map<number, Run>();
  const turns = new Map<number, () => void>();
  let active = 0;
  let next = 1;
  const fill = () => {
    while (next < hosts.length && active < PREVIEW_CONCURRENCY) {
      const index = next++;
      active += 1;
      const ran = start(index);
      const done = () => {
        active -= 1;
        fill();
      };
      ran.then(done, done);
      launched.set(index, ran);
      turns.get(index)?.();
    }
  };
  // Wrapped, so that awaiting the launch does not await the preview itself (commit does).
  const launchedRun = (index: number): Promise<{ run: Run }> => {
    const ran = launched.get(index);
    return ran ? Promise.resolve({ run: ran }) : new Promise((resolve) => turns.set(index, () => resolve({ run: launched.get(index) as Run })));
  };
  fill();
  for (let index = 1; index < hosts.length; index += 1) {
    await commit(index, (await launchedRun(index)).run);
    launched.delete(index);
  }
  return results;
}

async function previewOne(deps: PreviewDeps, plan: PreviewPlan, host: PreviewHostInput, pins: Map<string, string>, signal?: AbortSignal): Promise<HostPreview> {
  const empty = (problem: string): HostPreview => ({ hostId: host.hostId, problem, rebootExpected: null, slot: '', packages: [] });
  if (host.packageManager === null) return empty('never collected: collect the host first, so its package manager and host key are known');
  const family = deps.family(host.packageManager);
  if (!family) return empty(`rollouts do not install with ${host.packageManager} yet`);
  const names = selectedPackages(plan, host.pending, host.packageManager);
  const opened = deps.access.open(host.asset, 'rollout-preview', signal);
  if (!opened.ok) return empty(opened.reason);
  const context = opened.context;

  let changes: PlannedChange[] = [];
  let known = new Map<string, string>();
  let familyReboot: boolean | null | undefined;
  try {
    if (names.length > 0) {
      const specs: PackageSpec[] = names.map((name) => {
        const pinned = pinFor(pins, name);
        return pinned === undefined ? { name } : { name, version: pinned };
      });
      const simulated = await family.preview(context, specs);
      if (simulated.problem !== undefined) return { ...empty(simulated.problem), packages: simulated.changes.map(toRow) };
      if (simulated.removals.length > 0) return { ...empty(`the package manager would remove ${simulated.removals.join(', ')}, which nobody approved: refused`), packages: simulated.changes.map(toRow) };
      changes = simulated.changes;
      known = simulated.rollbackSources ?? known;
      familyReboot = simulated.rebootExpected;
    }
  } catch (error) {
    if (isRemoteError(error)) return empty(error.message);
    throw error;
  }
  const upgrades = changes.filter((change) => change.kind !== 'remove');

  // The rollback plan: every version a downgrade would go back to, available now or not; asked
  // only for what the simulation's own call did not already answer.
  const sources = new Map<string, string>(known);
  try {
    const back = upgrades.filter((change) => change.from !== null && !known.has(`${change.name}=${change.from}`)).map((change) => ({ name: change.name, version: change.from ?? '' }));
    if (back.length > 0) for (const [key, source] of await family.versionSources(context, back)) sources.set(key, source);
  } catch (error) {
    if (!isRemoteError(error)) throw error;
    return { ...empty(`could not check the rollback versions: ${error.message}`), packages: upgrades.map(toRow) };
  }

  const guessed = familyReboot !== undefined ? familyReboot : upgrades.some((change) => REBOOT_LIKELY.test(change.name)) ? true : null;
  const rebootExpected = plan.rebootPolicy === 'always' ? true : plan.rebootPolicy === 'never' ? false : host.rebootPendingNow ? true : guessed;
  const slot = hostSlot(deps.windows, host.windowRing ?? 'broad', deps.nowMs, deps.timeZone, {
    estimatedMinutes: SLOT_ESTIMATE.installMinutes + (rebootExpected === false ? 0 : SLOT_ESTIMATE.rebootMinutes),
    closingBufferMinutes: SLOT_ESTIMATE.closingBufferMinutes,
  });
  const windowless = host.windowRing === null ? ({ start: 'now', windowClosesAtMs: null } as const) : slot;
  return {
    hostId: host.hostId,
    problem: windowless.start === 'never' ? windowless.reason : '',
    rebootExpected,
    slot: describeSlot(windowless),
    packages: upgrades.map((change) => {
      if (change.rollback) return { ...toRow(change), rollbackAvailable: change.rollback.available, rollbackSource: change.rollback.source };
      const source = change.from === null ? undefined : sources.get(`${change.name}=${change.from}`);
      return { ...toRow(change), rollbackAvailable: change.from === null ? null : source !== undefined && source !== 'none', rollbackSource: change.from === null ? 'newly installed: a rollback removes nothing' : (source ?? 'none') };
    }),
  };
}

function toRow(change: PlannedChange): HostPreview['packages'][number] {
  return { name: change.name, ...(change.title !== undefined ? { title: change.title } : {}), fromVersion: change.from, toVersion: change.to, requested: change.requested, rollbackAvailable: null, rollbackSource: '' };
}
