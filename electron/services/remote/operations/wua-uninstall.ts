/**
 * Rolls a Windows update back by uninstalling its KB where Windows allows it (execution.md §3):
 * the SYSTEM task looks the KB up among installed updates, leaves it alone when WUA marks it
 * not uninstallable (servicing stack updates; a combined SSU+LCU needs DISM by package name,
 * which Patchdesk does not do), and otherwise runs `wusa.exe /uninstall /kb:N /quiet /norestart`.
 * An `installed` search afterwards says whether the KB is really gone.
 */
import type { OperationContext } from './operation-context';
import type { InstallRebootSignal, PackageTransactionResult } from './package-transaction';
import { kbDigits } from './windows-kb';
import { describeHresult } from './wua-codes';
import { WuaTaskSession, type WuaPacing } from './wua-task';

/** What happened to one KB asked to be uninstalled. */
export interface WindowsUninstallOutcome {
  kb: string;
  result: 'uninstalled' | 'not_uninstallable' | 'not_installed' | 'failed';
  /** wusa's exit code (0, 3010 reboot required, or an HRESULT); null when wusa did not run. */
  exitCode: number | null;
  /** The exit code described (`0x80070005 E_ACCESSDENIED`); null when it is 0, 3010 or absent. */
  detail: string | null;
  installedAfter: boolean;
}

/** Options of {@link uninstallWindowsUpdates}. */
export interface WindowsUninstallOptions {
  timeoutMs: number;
  pacing: WuaPacing;
  token?: string;
}

// wusa: 0 done, 3010 done and a restart is needed, 0x00240007 WU_S_ALREADY_UNINSTALLED.
const REBOOT_REQUIRED_EXIT = 3010;
const ALREADY_UNINSTALLED = 0x00240007;

/** Uninstalls `kbs`; each gets an honest outcome, and the shared result fails unless every one is gone. */
export async function uninstallWindowsUpdates(context: OperationContext, kbs: readonly string[], options: WindowsUninstallOptions): Promise<PackageTransactionResult & { updates: WindowsUninstallOutcome[] }> {
  const digits = [...new Set(kbs.map(kbDigits))];
  const session = new WuaTaskSession(context, options.pacing, options.token);
  let updates: WindowsUninstallOutcome[];
  let rebootRequired: boolean;
  let stdout: string;
  try {
    const result = await session.run({ mode: 'uninstall', round: 1, kbs: digits, updateIds: [] }, options.timeoutMs);
    const check = await session.run({ mode: 'installed', round: 2, kbs: digits, updateIds: [] }, options.timeoutMs);
    stdout = JSON.stringify([result, check]);
    rebootRequired = result.rebootRequired || check.rebootRequired;
    if (result.status === 'error') {
      const message = `the uninstall task failed: ${result.error ?? 'no message'}${result.hresult !== null ? ` (${describeHresult(result.hresult)})` : ''}`;
      return { outcome: 'failed', reason: 'package_manager_error', message, moves: [], output: { stdout, stderr: '', exitCode: 0 }, updates: [] };
    }
    updates = digits.map((kb) => {
      const record = result.updates.find((update) => update.kbs.includes(kb));
      const installedAfter = check.updates.some((update) => update.kbs.includes(kb));
      const exitCode = record?.exitCode ?? null;
      const base = { kb: `KB${kb}`, exitCode, installedAfter };
      if (!record) return { ...base, result: 'not_installed' as const, detail: null };
      if (record.action === 'not_uninstallable') return { ...base, result: 'not_uninstallable' as const, detail: null };
      if (exitCode === 0 || exitCode === REBOOT_REQUIRED_EXIT || exitCode === ALREADY_UNINSTALLED) return { ...base, result: installedAfter && exitCode !== REBOOT_REQUIRED_EXIT ? ('failed' as const) : ('uninstalled' as const), detail: exitCode === ALREADY_UNINSTALLED ? describeHresult(exitCode) : null };
      return { ...base, result: 'failed' as const, detail: exitCode === null ? 'wusa did not run' : describeHresult(exitCode) };
    });
    if (updates.some((update) => update.exitCode === REBOOT_REQUIRED_EXIT)) rebootRequired = true;
  } finally {
    await session.dispose();
  }
  const moves = updates.map((update) => ({ name: update.kb, from: update.result === 'not_installed' ? null : 'installed', to: 'absent', after: update.installedAfter ? 'installed' : 'absent', afterStatus: update.result }));
  const output = { stdout, stderr: '', exitCode: 0 };
  const reboot: InstallRebootSignal | undefined = rebootRequired ? { required: true, source: 'wusa 3010 / WUA RebootRequired / CBS RebootPending' } : undefined;
  const base = { moves, output, updates, ...(reboot ? { reboot } : {}) };
  const refused = updates.filter((update) => update.result === 'not_uninstallable');
  const removed = updates.filter((update) => update.result === 'uninstalled');
  // The others were still uninstalled: say so, the host is no longer as the rollout left it.
  const alongside = removed.length > 0 ? `; ${removed.map((update) => update.kb).join(', ')} uninstalled` : '';
  if (refused.length > 0) return { ...base, outcome: 'failed', reason: 'not_uninstallable', message: `${refused.map((update) => update.kb).join(', ')} cannot be uninstalled: Windows marks ${refused.length === 1 ? 'it' : 'them'} not uninstallable; nothing was done to ${refused.length === 1 ? 'it' : 'them'}${alongside}` };
  const failed = updates.filter((update) => update.result === 'failed');
  if (failed.length > 0) return { ...base, outcome: 'failed', reason: 'package_manager_error', message: failed.map((update) => `${update.kb}: wusa ${update.exitCode ?? 'did not run'}${update.detail ? ` (${update.detail})` : ''}${update.installedAfter ? ', still installed' : ''}`).join('; ') };
  const nothing = updates.every((update) => update.result === 'not_installed');
  return { ...base, outcome: nothing ? 'nothing_to_do' : 'done' };
}
