/**
 * Runs an apt transaction that must leave named packages at exact versions (an upgrade, or the
 * downgrade a rollback does), and judges it by three signals: apt-get's exit code, its output
 * (a held lock, a failing maintainer script), and what dpkg records afterwards. Only all three
 * together make a success; a package already at its target beforehand is success with nothing
 * to do.
 */
import type { RemoteOutput } from '../executor/remote-error';
import { aptGetCommand, aptLockHolder, dpkgConfigurePendingCommand } from './apt-command';
import { dpkgPackageStates, type DpkgPackageState } from './dpkg-versions';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';

/** One package's move. */
export interface PackageMove {
  name: string;
  /** Installed before the run; null when it was not installed. */
  from: string | null;
  to: string;
  /** What dpkg records after the run. */
  after: string | null;
  afterStatus: string | null;
}

/** Why a transaction failed. */
export type AptFailureReason = 'lock_held' | 'maintainer_script_failed' | 'version_unavailable' | 'not_at_target' | 'apt_error';

/** The judged outcome. */
export type AptTransactionResult =
  | { outcome: 'done' | 'nothing_to_do'; moves: PackageMove[]; output: RemoteOutput | null }
  | { outcome: 'failed'; reason: AptFailureReason; message: string; lockHolder?: { pid: number; process: string }; moves: PackageMove[]; output: RemoteOutput | null };

/** Options of {@link runAptTransaction}. */
export interface AptTransactionOptions {
  kind: 'upgrade' | 'downgrade';
  /** Seconds to wait for another process's dpkg lock before failing (naming the holder). */
  lockTimeoutSeconds: number;
  timeoutMs: number;
}

const atTarget = (state: DpkgPackageState | undefined, version: string) => state !== undefined && state.version === version && state.configured;

/** Installs each `{ name, version }` exactly, then verifies it with dpkg. */
export async function runAptTransaction(context: OperationContext, targets: readonly { name: string; version: string }[], options: AptTransactionOptions): Promise<AptTransactionResult> {
  assertPackageSpecs(targets);
  const names = targets.map((target) => target.name);
  const before = await dpkgPackageStates(context, names);
  const moves = (after: Map<string, DpkgPackageState> | null): PackageMove[] =>
    targets.map((target) => ({ name: target.name, from: before.get(target.name)?.version ?? null, to: target.version, after: after?.get(target.name)?.version ?? null, afterStatus: after?.get(target.name)?.status ?? null }));
  if (targets.every((target) => atTarget(before.get(target.name), target.version))) return { outcome: 'nothing_to_do', moves: moves(before), output: null };

  const command = aptGetCommand(options.kind, targets, { lockTimeoutSeconds: options.lockTimeoutSeconds });
  const output = await runOn(context, command, { timeoutMs: options.timeoutMs, expectedExitCodes: [0, 100] });
  // Read the real state whatever apt-get said: a failed run may still have changed packages.
  const after = await dpkgPackageStates(context, names);
  const result = moves(after);
  const text = `${output.stdout}\n${output.stderr}`;
  const halfDone = result.filter((move) => move.afterStatus !== null && !move.afterStatus.startsWith('ii'));
  if (halfDone.length > 0 || /Sub-process \/usr\/bin\/dpkg returned an error code|dpkg: error processing package/.test(text)) {
    const names = halfDone.map((move) => `${move.name} (${move.afterStatus?.trim()})`).join(', ');
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `dpkg could not finish configuring ${names || 'the packages'} on ${context.target.name}: a maintainer script failed`, moves: result, output };
  }
  if (output.exitCode !== 0) {
    const holder = aptLockHolder(text);
    if (holder) return { outcome: 'failed', reason: 'lock_held', message: `another process held the package lock on ${context.target.name} for longer than ${options.lockTimeoutSeconds} s: ${holder.process} (pid ${holder.pid})`, lockHolder: holder, moves: result, output };
    const missing = /Version '([^']+)' for '([^']+)' was not found/.exec(text);
    if (missing) return { outcome: 'failed', reason: 'version_unavailable', message: `version ${missing[1]} of ${missing[2]} is no longer available on ${context.target.name}`, moves: result, output };
    const error = text.split('\n').find((line) => line.startsWith('E: ')) ?? `apt-get exited with ${output.exitCode}`;
    return { outcome: 'failed', reason: 'apt_error', message: `${error} (on ${context.target.name})`, moves: result, output };
  }
  const off = result.filter((move) => move.after !== move.to);
  if (off.length > 0) {
    const detail = off.map((move) => `${move.name} is at ${move.after ?? 'nothing'}, not ${move.to}`).join('; ');
    return { outcome: 'failed', reason: 'not_at_target', message: `apt-get reported success on ${context.target.name} but ${detail}`, moves: result, output };
  }
  return { outcome: 'done', moves: result, output };
}

/** Finishes what a failed run left half-configured (`dpkg --configure -a`); the run itself may fail again. */
export async function dpkgConfigurePending(context: OperationContext, timeoutMs: number): Promise<RemoteOutput> {
  return runOn(context, dpkgConfigurePendingCommand(), { timeoutMs, expectedExitCodes: [0, 1] });
}
