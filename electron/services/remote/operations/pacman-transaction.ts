/**
 * pacman transactions, judged by exit code, output and `pacman -Q` afterwards, in the shape of
 * every family ({@link PackageTransactionResult}). An upgrade is always the full `pacman -Syu`,
 * and only when the approved targets are exactly the host's whole pending set: anything else
 * would be a partial upgrade, which Arch does not support, so it is refused before anything runs.
 * A rollback reinstalls the recorded versions from pacman's cache (`pacman -U`). Like dnf, pacman
 * exits 0 when an install scriptlet fails (`error: command failed to execute correctly`).
 */
import type { RemoteOutput } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';
import { missedTargets, packageMoves, type PackageMove, type PackageTarget, type PackageTransactionOptions, type PackageTransactionResult } from './package-transaction';
import { PACMAN_CACHE_DIR, PACMAN_LOCK_FILE, PACMAN_LOCK_WAIT_EXIT, pacmanFullUpgradeCommand, pacmanRollbackCommand } from './pacman-command';
import { pacmanPackageVersions, pacmanPendingUpgrades, type PacmanPending } from './pacman-versions';

/** Why the approved targets are not the whole pending set, or null when they are. */
export function partialUpgradeProblem(targets: readonly PackageTarget[], pending: readonly PacmanPending[]): string | null {
  const wanted = new Map(targets.map((target) => [target.name, target.version]));
  const problems: string[] = [];
  for (const item of pending) {
    const version = wanted.get(item.name);
    if (version === undefined) problems.push(`${item.name} ${item.to} is pending but not approved`);
    else if (version !== item.to) problems.push(`${item.name} would go to ${item.to}, not the approved ${version}`);
  }
  for (const target of targets) if (!pending.some((item) => item.name === target.name)) problems.push(`${target.name} ${target.version} is approved but not pending`);
  return problems.length > 0 ? problems.join('; ') : null;
}

/** The packages whose scriptlet failed: the `upgrading X...` line before each `command failed` line. */
export function scriptletFailures(text: string): string[] {
  const failed: string[] = [];
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const step = /^(?:upgrading|installing|downgrading|reinstalling) (\S+)\.\.\.$/.exec(line.trim());
    if (step) current = step[1] ?? null;
    else if (/^error: command failed to execute correctly/.test(line) && current && !failed.includes(current)) failed.push(current);
  }
  return failed;
}

/** Judges a finished pacman run. */
export function judgePacmanRun(host: string, output: RemoteOutput, moves: PackageMove[], lockTimeoutSeconds: number): PackageTransactionResult {
  const text = `${output.stdout}\n${output.stderr}`;
  if (output.exitCode === PACMAN_LOCK_WAIT_EXIT || /unable to lock database/.test(text)) {
    // pacman's lock file holds no pid: the holder cannot be named from it.
    return { outcome: 'failed', reason: 'lock_held', message: `${PACMAN_LOCK_FILE} was held on ${host} for longer than ${lockTimeoutSeconds} s (another pacman, or one that was killed and left it)`, lockHolder: { pid: 0, process: 'unknown' }, moves, output };
  }
  if (output.exitCode === 3 && /patchdesk: .* is not in /.test(text)) {
    const line = text.split('\n').find((entry) => entry.startsWith('patchdesk: ')) ?? '';
    return { outcome: 'failed', reason: 'version_unavailable', message: `${line.replace('patchdesk: ', '')} on ${host}: the old package is no longer cached (the Arch Linux Archive has it)`, moves, output };
  }
  if (/error: command failed to execute correctly/.test(text)) {
    const upgrading = scriptletFailures(text);
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `the install scriptlet of ${upgrading.join(', ') || 'a package'} failed on ${host} (pacman exited ${output.exitCode}); the package is installed but its script did not finish`, moves, output };
  }
  if (output.exitCode !== 0) {
    const error = text.split('\n').find((line) => line.startsWith('error:')) ?? `pacman exited with ${output.exitCode}`;
    return { outcome: 'failed', reason: 'package_manager_error', message: `${error} (on ${host})`, moves, output };
  }
  const missed = missedTargets(moves);
  if (missed !== '') return { outcome: 'failed', reason: 'not_at_target', message: `pacman reported success on ${host} but ${missed}`, moves, output };
  const warnings = /installed as \S+\.pacnew/.test(text) ? ['a locally modified configuration file was kept; the packaged one was saved as .pacnew'] : [];
  return { outcome: 'done', moves, output, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * `upgrade`: the full `pacman -Syu`, refused (`partial_upgrade_refused`) unless `targets` are
 * exactly what is pending now. `downgrade`: `pacman -U` of the cached files of `targets`.
 */
export async function runPacmanTransaction(context: OperationContext, targets: readonly PackageTarget[], options: PackageTransactionOptions): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  const host = context.target.name;
  const names = targets.map((target) => target.name);
  const before = await pacmanPackageVersions(context, names);
  if (targets.every((target) => before.get(target.name) === target.version)) return { outcome: 'nothing_to_do', moves: packageMoves(targets, before, before), output: null };
  let command: string;
  if (options.kind === 'upgrade') {
    const problem = partialUpgradeProblem(targets, await pacmanPendingUpgrades(context));
    if (problem) return { outcome: 'failed', reason: 'partial_upgrade_refused', message: `Arch hosts take full upgrades only, and ${host}'s pending set is not what was approved: ${problem}`, moves: packageMoves(targets, before, before), output: null };
    command = pacmanFullUpgradeCommand(options.lockTimeoutSeconds);
  } else {
    command = pacmanRollbackCommand(targets, options.lockTimeoutSeconds);
  }
  const output = await runOn(context, command, { timeoutMs: options.timeoutMs, expectedExitCodes: [0, 1, 3, PACMAN_LOCK_WAIT_EXIT] });
  const after = await pacmanPackageVersions(context, names);
  return judgePacmanRun(host, output, packageMoves(targets, before, after), options.lockTimeoutSeconds);
}

/** Which of `targets` (old versions) are in pacman's cache now: a rollback can use only those. */
export async function pacmanCachedVersions(context: OperationContext, targets: readonly PackageTarget[], timeoutMs = 30_000): Promise<Map<string, boolean>> {
  assertPackageSpecs(targets);
  const checks = targets.map((target) => `if ls ${PACMAN_CACHE_DIR}/${target.name}-${target.version}-*.pkg.tar.* >/dev/null 2>&1; then echo "${target.name} yes"; else echo "${target.name} no"; fi`).join('; ');
  const output = await runOn(context, checks, { timeoutMs });
  return new Map(output.stdout.split('\n').filter((line) => line.includes(' ')).map((line) => [line.split(' ')[0] ?? '', line.endsWith(' yes')]));
}
