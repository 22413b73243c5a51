/**
 * Runs an apt transaction that must leave named packages at exact versions (an upgrade, or the
 * downgrade a rollback does), and judges it by three signals: apt-get's exit code, its output
 * (a held lock, a failing maintainer script), and what dpkg records afterwards. Only all three
 * together make a success; a package already at its target beforehand is success with nothing
 * to do. The three reads (dpkg before, apt-get, dpkg after) are one remote command: one round
 * trip per transaction, and the state after is read on the host whatever apt-get did.
 */
import { randomBytes } from 'node:crypto';
import { RemoteError, type RemoteOutput } from '../executor/remote-error';
import { aptGetCommand, aptLockHolder, dpkgConfigurePendingCommand } from './apt-command';
import { dpkgStatesCommand, parseDpkgStates, type DpkgPackageState } from './dpkg-versions';
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

/**
 * The transaction as one shell script: print dpkg's state of the targets; stop there when every
 * target is already installed at its version (nothing to do: apt-get does not run); else run
 * apt-get, then print dpkg's state again, and exit with apt-get's code. `marker` separates the
 * parts (random, so nothing a maintainer script prints can end a part early).
 */
export function aptTransactionScript(targets: readonly { name: string; version: string }[], aptCommand: string, marker: string): string {
  assertPackageSpecs(targets);
  const query = `${dpkgStatesCommand(targets.map((target) => target.name))} 2>/dev/null`;
  const allAtTarget = targets.map((target) => `[ "$(dpkg-query -W -f='\${Version} \${db:Status-Abbrev}' ${target.name} 2>/dev/null)" = '${target.version} ii ' ]`).join(' && ');
  return [query, `printf '\\n%s\\n' '${marker} apt'`, `if ${allAtTarget}; then exit 0; fi`, aptCommand, 'pd_rc=$?', `printf '\\n%s\\n' '${marker} after'`, query, 'exit $pd_rc'].join('\n');
}

/** Installs each `{ name, version }` exactly, then verifies it with dpkg. */
export async function runAptTransaction(context: OperationContext, targets: readonly { name: string; version: string }[], options: AptTransactionOptions): Promise<AptTransactionResult> {
  assertPackageSpecs(targets);
  const host = context.target.name;
  const command = aptGetCommand(options.kind, targets, { lockTimeoutSeconds: options.lockTimeoutSeconds });
  const marker = `=== patchdesk transaction ${randomBytes(8).toString('hex')}`;
  const ran = await runOn(context, aptTransactionScript(targets, command, marker), { timeoutMs: options.timeoutMs, expectedExitCodes: [0, 100] });
  const [beforeText, rest] = splitOnce(ran.stdout, `\n${marker} apt\n`);
  if (rest === null) throw new RemoteError('unparseable', host, `the package transaction on ${host} printed no state before apt-get`, ran);
  const before = parseDpkgStates(host, beforeText);
  const moves = (after: Map<string, DpkgPackageState> | null): PackageMove[] =>
    targets.map((target) => ({ name: target.name, from: before.get(target.name)?.version ?? null, to: target.version, after: after?.get(target.name)?.version ?? null, afterStatus: after?.get(target.name)?.status ?? null }));
  const [aptText, afterText] = splitOnce(rest, `\n${marker} after\n`);
  if (afterText === null) {
    // The host found every target in place and did not run apt-get; Patchdesk must read the same.
    if (ran.exitCode === 0 && targets.every((target) => atTarget(before.get(target.name), target.version))) return { outcome: 'nothing_to_do', moves: moves(before), output: null };
    throw new RemoteError('unparseable', host, `the package transaction on ${host} ended before apt-get's result (exit ${ran.exitCode})`, ran);
  }
  const output: RemoteOutput = { stdout: aptText, stderr: ran.stderr, exitCode: ran.exitCode };
  // The real state whatever apt-get said: a failed run may still have changed packages.
  const result = moves(parseDpkgStates(host, afterText));
  const text = `${output.stdout}\n${output.stderr}`;
  const halfDone = result.filter((move) => move.afterStatus !== null && !move.afterStatus.startsWith('ii'));
  if (halfDone.length > 0 || /Sub-process \/usr\/bin\/dpkg returned an error code|dpkg: error processing package/.test(text)) {
    const names = halfDone.map((move) => `${move.name} (${move.afterStatus?.trim()})`).join(', ');
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `dpkg could not finish configuring ${names || 'the packages'} on ${host}: a maintainer script failed`, moves: result, output };
  }
  if (output.exitCode !== 0) {
    const holder = aptLockHolder(text);
    if (holder) return { outcome: 'failed', reason: 'lock_held', message: `another process held the package lock on ${host} for longer than ${options.lockTimeoutSeconds} s: ${holder.process} (pid ${holder.pid})`, lockHolder: holder, moves: result, output };
    const missing = /Version '([^']+)' for '([^']+)' was not found/.exec(text);
    if (missing) return { outcome: 'failed', reason: 'version_unavailable', message: `version ${missing[1]} of ${missing[2]} is no longer available on ${host}`, moves: result, output };
    const error = text.split('\n').find((line) => line.startsWith('E: ')) ?? `apt-get exited with ${output.exitCode}`;
    return { outcome: 'failed', reason: 'apt_error', message: `${error} (on ${host})`, moves: result, output };
  }
  const off = result.filter((move) => move.after !== move.to);
  if (off.length > 0) {
    const detail = off.map((move) => `${move.name} is at ${move.after ?? 'nothing'}, not ${move.to}`).join('; ');
    return { outcome: 'failed', reason: 'not_at_target', message: `apt-get reported success on ${host} but ${detail}`, moves: result, output };
  }
  return { outcome: 'done', moves: result, output };
}

/** `text` before and after the first `separator`; null after it when it is not there. */
function splitOnce(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, null] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** Finishes what a failed run left half-configured (`dpkg --configure -a`); the run itself may fail again. */
export async function dpkgConfigurePending(context: OperationContext, timeoutMs: number): Promise<RemoteOutput> {
  return runOn(context, dpkgConfigurePendingCommand(), { timeoutMs, expectedExitCodes: [0, 1] });
}
