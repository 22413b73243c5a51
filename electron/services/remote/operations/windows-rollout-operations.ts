/**
 * The `rollout` entry of the windows family: what a rollout needs from a Windows host beyond
 * install and uninstall, in the shared shapes. Updates are present or absent, not moved between
 * versions: a planned row is `{ name: 'KB5034441', from: null, to: '<update id>@<revision>' }`,
 * the pin a later ring must get exactly (execution.md design implication 3). The preview is a WUA
 * search in the SYSTEM task: titles, IsUninstallable (rollback by uninstall possible, or why
 * not) and RebootBehavior, recorded before anything is installed. The boot identity is
 * LastBootUpTime and the reboot is `rebootWindowsHost`. Tested only against the simulated host.
 */
import type { FamilyChange, FamilyPreview, FamilyRolloutOperations, InstalledVersion } from './family-rollout-operations';
import type { OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';
import { readWindowsBootId } from './windows-boot-identity';
import { isUpdateId, kbName, parseUpdatePin, updatePin } from './windows-kb';
import { rebootWindowsHost } from './windows-reboot-host';
import type { WuaUpdateRecord } from './wua-result';
import { WuaTaskSession, type WuaPacing } from './wua-task';

/** execution.md §3: win_updates waits 1200 s for a host that installs updates at shutdown and boot. */
export const WINDOWS_REBOOT_TIMEOUT_MS = 1_200_000;
const SEARCH_TIMEOUT_MS = 30 * 60_000;

const NO_REPAIR = 'no repair step: Windows Update keeps no half-installed update Patchdesk could finish (an install that needs a restart is completed by the reboot; CBS servicing is waited out by the reboot readiness check)';

/** How a rollback would undo an update: `wusa /uninstall` where WUA marks it uninstallable, else not possible and why. */
export function windowsRollbackPlan(kb: string, record: Pick<WuaUpdateRecord, 'isUninstallable' | 'title'>): { available: boolean; source: string } {
  if (record.isUninstallable) return { available: true, source: `uninstall: wusa /uninstall /kb:${kb.replace(/^KB/i, '')}` };
  const stack = /servicing stack/i.test(record.title) ? ' (a servicing stack update, which Windows never removes)' : '';
  return { available: false, source: `not possible: Windows marks ${kb} not uninstallable${stack}` };
}

/** Whether updates with these RebootBehaviors (0 never, 1 always, 2 can request) mean a reboot: true, false, or null (maybe). */
export function windowsRebootExpected(behaviors: readonly number[]): boolean | null {
  if (behaviors.some((behavior) => behavior === 1)) return true;
  return behaviors.every((behavior) => behavior === 0) ? false : null;
}

/** Splits plan names into KB digits and update ids, and the pins asked for by name. */
function requestOf(packages: readonly PackageSpec[]): { kbs: string[]; updateIds: string[]; pins: Map<string, string> } {
  const kbs: string[] = [];
  const updateIds: string[] = [];
  const pins = new Map<string, string>();
  for (const spec of packages) {
    const id = isUpdateId(spec.name) ? spec.name.toLowerCase() : null;
    const name = id ?? kbName(spec.name);
    if (id) updateIds.push(id);
    else kbs.push(name.slice(2));
    if (spec.version === undefined) continue;
    const pin = parseUpdatePin(spec.version);
    if (!pin) throw new RangeError(`${JSON.stringify(spec.version.slice(0, 60))} is not a pinned Windows update (update id@revision) for ${name}`);
    pins.set(name, updatePin(pin.updateId, pin.revision));
  }
  return { kbs: [...new Set(kbs)], updateIds: [...new Set(updateIds)], pins };
}

/**
 * What of `packages` Windows Update offers this host, each with its pin, title and rollback
 * plan. A pinned update the host is offered at another revision, or not at all (and does not
 * have), is a problem naming it: the host cannot get what the first ring got.
 */
export async function previewWindowsUpdates(context: OperationContext, packages: readonly PackageSpec[], pacing: WuaPacing): Promise<FamilyPreview> {
  if (packages.length === 0) return { changes: [], removals: [] };
  const request = requestOf(packages);
  const session = new WuaTaskSession(context, pacing);
  try {
    const found = (await session.run({ mode: 'search', round: 0, kbs: request.kbs, updateIds: request.updateIds }, SEARCH_TIMEOUT_MS)).updates;
    const changes: FamilyChange[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const record of found) {
      const kb = record.kbs[0];
      if (kb === undefined) {
        problems.push(`${record.title} (${record.updateId}) has no KB article id: Patchdesk installs Windows updates by KB`);
        continue;
      }
      const name = `KB${kb}`;
      const pin = updatePin(record.updateId, record.revision);
      const wanted = request.pins.get(name) ?? request.pins.get(record.updateId.toLowerCase());
      if (wanted !== undefined && wanted !== pin) {
        problems.push(`${name}: the first ring got update ${wanted}; Windows Update now offers this host ${pin}, so the pinned update is no longer offered`);
        continue;
      }
      if (seen.has(name)) {
        problems.push(`${name} is offered to this host as more than one update; name the update id to install`);
        continue;
      }
      seen.add(name);
      changes.push({ name, title: record.title, from: null, to: pin, kind: 'new', requested: true, rollback: windowsRollbackPlan(name, record) });
    }
    // A pinned update not offered at all: fine when the host already has it, a problem when it does not.
    const offeredIds = new Set(found.map((record) => record.updateId.toLowerCase()));
    const missing = [...request.pins.keys()].filter((name) => (isUpdateId(name) ? !offeredIds.has(name) : !seen.has(name) && !problems.some((problem) => problem.startsWith(`${name}:`))));
    if (missing.length > 0) {
      const installed = (await session.run({ mode: 'installed', round: 1, kbs: missing.filter((name) => !isUpdateId(name)).map((name) => name.slice(2)), updateIds: missing.filter(isUpdateId) }, SEARCH_TIMEOUT_MS)).updates;
      for (const name of missing) {
        const present = installed.some((record) => (isUpdateId(name) ? record.updateId.toLowerCase() === name : record.kbs.includes(name.slice(2))));
        if (!present) problems.push(`${name}: the pinned update ${request.pins.get(name) ?? ''} is no longer offered to this host by Windows Update (withdrawn or superseded since it was offered), and it is not installed`);
      }
    }
    const rebootExpected = windowsRebootExpected(found.filter((record) => seen.has(`KB${record.kbs[0] ?? ''}`)).map((record) => record.rebootBehavior));
    return { changes, removals: [], ...(changes.length > 0 ? { rebootExpected } : {}), ...(problems.length > 0 ? { problem: problems.join('; ') } : {}) };
  } finally {
    await session.dispose();
  }
}

/** The installed update of each KB in `names`, as its pin (read by WUA in the SYSTEM task). */
export async function installedWindowsUpdates(context: OperationContext, names: readonly string[], pacing: WuaPacing): Promise<Map<string, InstalledVersion>> {
  const kbs = names.filter((name) => !isUpdateId(name)).map((name) => kbName(name).slice(2));
  if (kbs.length === 0) return new Map();
  const session = new WuaTaskSession(context, pacing);
  try {
    const result = await session.run({ mode: 'installed', round: 1, kbs, updateIds: [] }, SEARCH_TIMEOUT_MS);
    const installed = new Map<string, InstalledVersion>();
    for (const record of result.updates) for (const kb of record.kbs) if (kbs.includes(kb)) installed.set(`KB${kb}`, { version: updatePin(record.updateId, record.revision), complete: true });
    return installed;
  } finally {
    await session.dispose();
  }
}

/** The windows family's rollout operations, paced by `pacing`. */
export function createWindowsRolloutOperations(pacing: WuaPacing): FamilyRolloutOperations {
  return {
    previewCandidates: (context, packages) => previewWindowsUpdates(context, packages, pacing),
    // A KB rollback uninstalls it: there is no older version to fetch, so nothing to look up.
    versionSources: async () => Promise.resolve(new Map()),
    repair: async () => Promise.resolve({ ran: false, output: NO_REPAIR }),
    installedVersions: (context, names) => installedWindowsUpdates(context, names, pacing),
    // Windows keeps no per-update half-installed state; a pending reboot is handled by the install rounds.
    unfinished: async () => Promise.resolve([]),
    bootIdentity: (context) => readWindowsBootId(context),
    reboot: (context, options) => rebootWindowsHost(context, { ...options, timeoutMs: Math.max(options.timeoutMs, WINDOWS_REBOOT_TIMEOUT_MS) }),
    presence: true,
  };
}
