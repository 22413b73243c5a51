/**
 * The `windows` entry of the family dispatch table: preview (a WUA search in the SYSTEM task,
 * recording IsUninstallable before anything is installed), install in rounds (`upgrade`), KB
 * uninstall (`downgrade`, the rollback) and the reboot flags, in the shared shapes, and the
 * rollout entry (`windows-rollout-operations.ts`). A target is
 * `{ name: 'KB5021233', version: '<WUA update id>' | '<update id>@<revision>' | '' }`; a rollout
 * passes its `reboot`, so the rounds continue across restarts.
 */
import { systemClock } from '../../../platform/clock';
import type { FamilyOperations, PackagePreview } from './package-families';
import type { OperationContext } from './operation-context';
import type { PackageTarget, PackageTransactionResult } from './package-transaction';
import { windowsTargets, installWindowsUpdates } from './wua-install';
import { uninstallWindowsUpdates } from './wua-uninstall';
import { readWindowsRebootRequired } from './windows-reboot-required';
import { createWindowsRolloutOperations } from './windows-rollout-operations';
import type { WuaUpdateRecord } from './wua-result';
import { WuaTaskSession, type WuaPacing } from './wua-task';

/** The real pacing: the wall clock and timers, polling every 10 s. */
export const SYSTEM_WUA_PACING: WuaPacing = { clock: systemClock, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), pollIntervalMs: 10_000 };

/** What of the approved KBs WUA offers this host, with IsUninstallable (rollback possible by uninstall?). */
export async function searchWindowsUpdates(context: OperationContext, targets: readonly PackageTarget[], pacing: WuaPacing, timeoutMs = 30 * 60_000): Promise<WuaUpdateRecord[]> {
  const { kbs, updateIds } = windowsTargets(targets);
  const session = new WuaTaskSession(context, pacing);
  try {
    const result = await session.run({ mode: 'search', round: 0, kbs, updateIds }, timeoutMs);
    return result.updates;
  } finally {
    await session.dispose();
  }
}

/** The result with one line per update as its output: what a rollout's step shows and keeps (result.json's rounds are one long JSON line). */
function readable<T extends PackageTransactionResult>(result: T, lines: readonly string[]): T {
  return { ...result, output: { stdout: lines.join('\n'), stderr: '', exitCode: 0 } };
}

/** The windows family's operations, paced by `pacing` (tests inject theirs). */
export function createWindowsFamilyOperations(pacing: WuaPacing): FamilyOperations {
  return {
    fullUpgradeOnly: false,
    preview: async (context, targets): Promise<PackagePreview> => {
      const requested = new Set(windowsTargets(targets).kbs);
      const found = await searchWindowsUpdates(context, targets, pacing);
      const changes = found.flatMap((update) => update.kbs.map((kb) => ({ name: `KB${kb}`, from: null, to: update.updateId, kind: 'new' as const, requested: requested.has(kb) })));
      return { changes, removals: [] };
    },
    runTransaction: async (context, targets, options) => {
      if (options.kind === 'downgrade') {
        const removed = await uninstallWindowsUpdates(context, targets.map((target) => target.name), { timeoutMs: options.timeoutMs, pacing });
        return readable(removed, removed.updates.map((update) => `${update.kb}: ${update.result.replace(/_/g, ' ')}${update.exitCode !== null ? ` (wusa ${update.exitCode}${update.detail ? ` ${update.detail}` : ''})` : ''}${update.installedAfter ? ', still installed' : ''}`));
      }
      const installed = await installWindowsUpdates(context, targets, { roundTimeoutMs: options.timeoutMs, pacing, ...(options.reboot ? { reboot: options.reboot } : {}) });
      return readable(installed, [...installed.updates.map((update) => `${update.kb}: ${update.result.replace(/_/g, ' ')}${update.hresult ? ` (${update.hresult})` : ''}${update.round !== null ? ` in round ${update.round}` : ''}${update.installedAfter ? ', installed' : ', not installed'}`), `${installed.rounds} round${installed.rounds === 1 ? '' : 's'}`]);
    },
    readRebootRequired: (context) => readWindowsRebootRequired(context),
    rollout: createWindowsRolloutOperations(pacing),
  };
}
