/**
 * Installs approved Windows updates through the Windows Update Agent, in rounds, inside the SYSTEM
 * scheduled task of `wua-task.ts` (execution.md §3). Each round searches for what is still
 * approved and not installed, downloads and installs it, and reads per-update ResultCode, HResult
 * and RebootRequired. Rounds continue until nothing approved remains or a round installs nothing;
 * a round that leaves a reboot pending continues only through the `reboot` the caller passes
 * (WUA refuses to install while one is pending). Every round searches the whole approved set, so
 * an update "installed" again in a later round is
 * an update loop (rolled back at boot, or a false success) and counts as failed. Success is
 * decided by three signals: the round's status, each update's result code, and a final
 * `installed` search that reads the KBs back.
 */
import type { PackageMove } from './apt-transaction';
import type { OperationContext } from './operation-context';
import type { InstallRebootSignal, PackageTarget, PackageTransactionResult } from './package-transaction';
import { isUpdateId, kbDigits, parseUpdatePin } from './windows-kb';
import { describeHresult, wuaResultCode, type WuaResultCode } from './wua-codes';
import type { WuaTaskResult, WuaUpdateRecord } from './wua-result';
import { WuaTaskSession, type WuaPacing } from './wua-task';

/** Options of {@link installWindowsUpdates}. */
export interface WindowsInstallOptions {
  /** How long one round's task may run before the wait fails with `timeout`. */
  roundTimeoutMs: number;
  pacing: WuaPacing;
  /** At most this many install rounds; 5 by default. */
  maxRounds?: number;
  /** Reboots the host and waits for it (e.g. `rebootWindowsHost`); without it a needed reboot ends the run. */
  reboot?: () => Promise<void>;
  /** The session token (tests); random otherwise. */
  token?: string;
}

/** What happened to one approved KB. */
export interface WindowsUpdateOutcome {
  kb: string;
  title: string | null;
  /** The round that last acted on it; null when no round found it. */
  round: number | null;
  /** WUA's per-update result, `not_offered` when no search found it, `loop` when a later round installed it again. */
  result: WuaResultCode | 'not_offered' | 'already_installed' | 'loop';
  /** `0x80240016 WU_E_INSTALL_NOT_ALLOWED` and the like; null on success or when there is none. */
  hresult: string | null;
  rebootRequired: boolean;
  /** IsUninstallable as WUA reported it before installing: whether uninstall can roll it back. */
  isUninstallable: boolean | null;
  installedAfter: boolean;
}

/** The shared transaction result plus the Windows detail. */
export type WindowsInstallResult = PackageTransactionResult & { updates: WindowsUpdateOutcome[]; rounds: number };

const SUCCESS: ReadonlySet<WuaResultCode> = new Set(['succeeded', 'succeeded_with_errors']);

/**
 * The approved KBs (digits), update ids and pins of `targets`. A target's version is empty, a WUA
 * update id, or `<update id>@<revision>` (a rollout's pin: only exactly that update is installed);
 * pinning is all or nothing, so a later ring can never pick up an update the first ring did not get.
 */
export function windowsTargets(targets: readonly PackageTarget[]): { kbs: string[]; updateIds: string[]; pins: string[] } {
  const kbs = [...new Set(targets.map((target) => kbDigits(target.name)))];
  const updateIds: string[] = [];
  const pins: string[] = [];
  for (const target of targets) {
    const version = target.version.trim().toLowerCase();
    if (version === '') continue;
    const pin = parseUpdatePin(version);
    if (pin) {
      updateIds.push(pin.updateId);
      pins.push(`${pin.updateId}@${pin.revision}`);
      continue;
    }
    if (!isUpdateId(version)) throw new RangeError(`${JSON.stringify(version.slice(0, 60))} is not a WUA update id (a GUID), a pin (GUID@revision) or empty`);
    updateIds.push(version);
  }
  if (pins.length > 0 && pins.length !== targets.length) throw new RangeError('either every Windows update of a run is pinned (update id@revision) or none is');
  return { kbs, updateIds: [...new Set(updateIds)], pins: [...new Set(pins)] };
}

function recordFor(result: WuaTaskResult, kb: string): WuaUpdateRecord | undefined {
  return result.updates.find((update) => update.kbs.includes(kb));
}

/** Installs `targets` (KB ids) in rounds; resolves with the judged result, rejects with `RemoteError` when the host cannot be driven. */
export async function installWindowsUpdates(context: OperationContext, targets: readonly PackageTarget[], options: WindowsInstallOptions): Promise<WindowsInstallResult> {
  const { kbs, updateIds, pins } = windowsTargets(targets);
  const session = new WuaTaskSession(context, options.pacing, options.token);
  const outcomes = new Map<string, WindowsUpdateOutcome>(kbs.map((kb) => [kb, { kb: `KB${kb}`, title: null, round: null, result: 'not_offered', hresult: null, rebootRequired: false, isUninstallable: null, installedAfter: false }]));
  const installedIn = new Map<string, number>();
  const rounds: WuaTaskResult[] = [];
  const warnings: string[] = [];
  let stop: { reason: 'reboot_pending' | 'package_manager_error'; message: string } | null = null;
  let rebootPending = false;
  let retriedAfterFailure = false;
  let rebooted = false;
  const maxRounds = options.maxRounds ?? 5;
  try {
    for (let round = 1; round <= maxRounds; round++) {
      // After a reboot one more search runs even when everything is in: it catches updates rolled back at boot.
      if (kbs.every((kb) => installedIn.has(kb)) && !rebooted) break;
      rebooted = false;
      const result = await session.run({ mode: 'install', round, kbs, updateIds, pins }, options.roundTimeoutMs);
      rounds.push(result);
      rebootPending = result.rebootRequired;
      if (result.status === 'error') {
        stop = { reason: 'package_manager_error', message: `Windows Update failed in round ${round}: ${result.error ?? 'no message'}${result.hresult !== null ? ` (${describeHresult(result.hresult)})` : ''}` };
        break;
      }
      if (result.status === 'reboot_pending') {
        if (options.reboot && round < maxRounds) {
          await options.reboot();
          rebooted = true;
          continue;
        }
        stop = { reason: 'reboot_pending', message: 'a reboot is pending; Windows Update installs nothing until the host restarts' };
        break;
      }
      let installedThisRound = 0;
      let failedThisRound = 0;
      for (const record of result.updates) {
        for (const kb of record.kbs) {
          const outcome = outcomes.get(kb);
          if (!outcome) continue;
          // Installed in an earlier round and offered again: rolled back at boot, or a false success.
          if (installedIn.has(kb)) {
            outcome.result = 'loop';
            outcome.hresult = null;
            outcome.round = round;
            continue;
          }
          outcome.title = record.title;
          outcome.round = round;
          outcome.isUninstallable = outcome.isUninstallable ?? record.isUninstallable;
          const download = record.downloadResultCode === null ? null : wuaResultCode(record.downloadResultCode);
          const code = record.resultCode === null ? null : wuaResultCode(record.resultCode);
          if (code === null) {
            outcome.result = download && !SUCCESS.has(download) ? download : 'not_started';
            outcome.hresult = record.downloadHResult ? describeHresult(record.downloadHResult) : null;
            failedThisRound++;
            continue;
          }
          outcome.result = code;
          outcome.hresult = record.hresult ? describeHresult(record.hresult) : null;
          outcome.rebootRequired = record.rebootRequired;
          if (SUCCESS.has(code)) {
            installedIn.set(kb, round);
            installedThisRound++;
            if (code === 'succeeded_with_errors') warnings.push(`KB${kb} installed with errors${outcome.hresult ? ` (${outcome.hresult})` : ''}`);
          } else failedThisRound++;
        }
      }
      if (failedThisRound > 0 && options.reboot && !retriedAfterFailure && round < maxRounds) {
        // As win_updates does: one reboot and another round before a failure is final.
        retriedAfterFailure = true;
        await options.reboot();
        rebootPending = false;
        rebooted = true;
        continue;
      }
      if (installedThisRound === 0) break;
      // Approved KBs no round has offered yet: some are offered only after the updates before them are in and the host restarted.
      const awaiting = kbs.filter((kb) => !installedIn.has(kb) && recordFor(result, kb) === undefined);
      if (result.rebootRequired) {
        if (options.reboot && round < maxRounds) {
          await options.reboot();
          rebootPending = false;
          rebooted = true;
          continue;
        }
        if (awaiting.length > 0) {
          stop = { reason: 'reboot_pending', message: `${awaiting.map((kb) => `KB${kb}`).join(', ')} not offered yet; the host needs a reboot before another round` };
        }
        break;
      }
      if (awaiting.length === kbs.filter((kb) => !installedIn.has(kb)).length) break;
    }
    const check = await session.run({ mode: 'installed', round: rounds.length + 1, kbs, updateIds: [] }, options.roundTimeoutMs);
    rebootPending = rebootPending || check.rebootRequired;
    for (const outcome of outcomes.values()) {
      const digits = outcome.kb.slice(2);
      const record = recordFor(check, digits);
      outcome.installedAfter = record !== undefined;
      if (record && outcome.result === 'not_offered') {
        outcome.result = 'already_installed';
        outcome.title = record.title;
        outcome.isUninstallable = record.isUninstallable;
      }
    }
  } finally {
    await session.dispose();
  }

  const updates = [...outcomes.values()];
  const moves: PackageMove[] = updates.map((update) => ({ name: update.kb, from: update.result === 'already_installed' ? 'installed' : null, to: 'installed', after: update.installedAfter ? 'installed' : null, afterStatus: update.result }));
  const output = { stdout: JSON.stringify(rounds), stderr: '', exitCode: 0 };
  const reboot: InstallRebootSignal | undefined = rebootPending ? { required: true, source: 'WUA RebootRequired / CBS RebootPending / WindowsUpdate RebootRequired' } : undefined;
  const base = { updates, rounds: rounds.length, moves, output, ...(reboot ? { reboot } : {}) };
  const failures = updates.filter((update) => update.result === 'loop' || !update.installedAfter);
  if (stop) return { ...base, outcome: 'failed', reason: stop.reason, message: stop.message };
  if (failures.length > 0) {
    const notOffered = failures.every((update) => update.result === 'not_offered');
    return { ...base, outcome: 'failed', reason: notOffered ? 'version_unavailable' : 'package_manager_error', message: failures.map(describeFailure).join('; ') };
  }
  const nothing = updates.every((update) => update.result === 'already_installed');
  return { ...base, outcome: nothing ? 'nothing_to_do' : 'done', ...(warnings.length > 0 ? { warnings } : {}) };
}

function describeFailure(update: WindowsUpdateOutcome): string {
  if (update.result === 'not_offered') return `${update.kb} was not offered to this host by Windows Update and is not installed`;
  if (update.result === 'loop') return `${update.kb} was offered again after installing in an earlier round (an update loop: rolled back at boot, or a false success)`;
  return `${update.kb} ${update.result.replace(/_/g, ' ')}${update.hresult ? ` (${update.hresult})` : ''}${update.installedAfter ? '' : ', not installed'}`;
}
