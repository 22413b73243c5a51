/**
 * Runs a zypper transaction that must leave named packages at exact versions (an upgrade, a set
 * of patches, or a rollback with `--oldpackage`), judged by three signals: zypper's exit code
 * (interpreted as execution.md §1.3 says: 107 = a script failed, 102 = reboot needed, 103 = run
 * again, 106 = repositories skipped, 7 = locked), its output (`Nothing to do.` when a downgrade was
 * silently skipped), and rpm's versions afterwards. Resolves with {@link PackageTransactionResult}.
 */
import type { RemoteOutput } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';
import { missedTargets, packageMoves, type PackageMove, type PackageTarget, type PackageTransactionOptions, type PackageTransactionResult } from './package-transaction';
import { rpmPackageVersions } from './rpm-versions';
import { ZYPPER_EXIT_ANSWERS, ZYPPER_LOCKED_EXIT, zypperCommand, zypperExitMeaning, zypperLockHolder, zypperPatchCommand } from './zypper-command';

/** 103 means "the package manager was updated, run again": at most this many runs in all. */
const MAX_RUNS = 3;

/** Judges a finished zypper run (the last of its 103 reruns) by exit code, output and versions. */
export function judgeZypperRun(host: string, output: RemoteOutput, moves: PackageMove[], lockTimeoutSeconds: number, rebootSeen = false): PackageTransactionResult {
  const meaning = zypperExitMeaning(output.exitCode);
  const text = `${output.stdout}\n${output.stderr}`;
  const reboot = rebootSeen || meaning.rebootNeeded ? { reboot: { required: true as const, source: 'zypper exit 102 (a patch that needs a reboot was installed)' } } : {};
  if (output.exitCode === ZYPPER_LOCKED_EXIT) {
    const holder = zypperLockHolder(text) ?? { pid: 0, process: 'unknown' };
    return { outcome: 'failed', reason: 'lock_held', message: `another process held the zypp lock on ${host} for longer than ${lockTimeoutSeconds} s: ${holder.process} (pid ${holder.pid})`, lockHolder: holder, moves, output };
  }
  if (meaning.scriptFailed) {
    const failing = /%(\w+)\((\S+)\) scriptlet failed/.exec(text);
    const what = failing ? `the %${failing[1]} scriptlet of ${failing[2]}` : 'an RPM script';
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `${what} failed on ${host} (zypper exit 107, ${meaning.name}); the package is installed but its script did not finish`, moves, output, ...reboot };
  }
  if (output.exitCode === 104) {
    const missing = /No provider of '([^']+)' found/.exec(text);
    return { outcome: 'failed', reason: 'version_unavailable', message: `${missing?.[1] ?? 'a requested package'} is not available from the repositories of ${host} (zypper exit 104)`, moves, output };
  }
  if (!meaning.committed) {
    const error = text.split('\n').find((line) => /^(Error|Problem):?/.test(line.trim())) ?? text.trim().split('\n').slice(-1)[0] ?? '';
    return { outcome: 'failed', reason: 'package_manager_error', message: `zypper exited with ${output.exitCode} (${meaning.name}) on ${host}${error ? `: ${error.trim()}` : ''}`, moves, output };
  }
  const missed = missedTargets(moves);
  if (missed !== '') {
    // The trap of execution.md fact 5: an older version without --oldpackage is skipped with exit 0.
    const skipped = /has lower version than the installed one/.test(text) ? ' (zypper skipped an older version: a downgrade needs --oldpackage)' : /Nothing to do\./.test(text) ? ' (zypper said "Nothing to do.")' : '';
    return { outcome: 'failed', reason: 'not_at_target', message: `zypper exited with ${output.exitCode} on ${host} but ${missed}${skipped}`, moves, output, ...reboot };
  }
  const warnings: string[] = [];
  if (meaning.reposSkipped) warnings.push('a repository could not be refreshed and was skipped for this run (zypper exit 106)');
  if (/warning: \S+ created as \S+\.rpmnew/.test(text)) warnings.push('a locally modified configuration file was kept; the packaged one was saved as .rpmnew');
  return { outcome: 'done', moves, output, ...(warnings.length > 0 ? { warnings } : {}), ...reboot };
}

/** Runs `command`, again while zypper answers 103, and judges the last run (`known`: the versions already read before it). */
async function runJudged(context: OperationContext, targets: readonly PackageTarget[], command: string, options: PackageTransactionOptions, known?: Map<string, string>): Promise<PackageTransactionResult> {
  const names = targets.map((target) => target.name);
  const before = known ?? (await rpmPackageVersions(context, names));
  let output: RemoteOutput;
  let rebootSeen = false;
  let runs = 0;
  do {
    output = await runOn(context, command, { timeoutMs: options.timeoutMs, expectedExitCodes: ZYPPER_EXIT_ANSWERS });
    rebootSeen ||= zypperExitMeaning(output.exitCode).rebootNeeded;
    runs++;
  } while (zypperExitMeaning(output.exitCode).runAgain && runs < MAX_RUNS);
  const after = await rpmPackageVersions(context, names);
  return judgeZypperRun(context.target.name, output, packageMoves(targets, before, after), options.lockTimeoutSeconds, rebootSeen);
}

/** Installs each target at its exact version (`--oldpackage` for a rollback) and verifies it with rpm. */
export async function runZypperTransaction(context: OperationContext, targets: readonly PackageTarget[], options: PackageTransactionOptions): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  const before = await rpmPackageVersions(context, targets.map((target) => target.name));
  if (targets.every((target) => before.get(target.name) === target.version)) return { outcome: 'nothing_to_do', moves: packageMoves(targets, before, before), output: null };
  return runJudged(context, targets, zypperCommand(options.kind, targets, { lockTimeoutSeconds: options.lockTimeoutSeconds }), options, before);
}

/** Installs the named patches (advisories); `targets` are the package versions they must leave. */
export async function runZypperPatches(context: OperationContext, advisories: readonly string[], targets: readonly PackageTarget[], options: Omit<PackageTransactionOptions, 'kind'>): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  return runJudged(context, targets, zypperPatchCommand(advisories, { lockTimeoutSeconds: options.lockTimeoutSeconds }), { ...options, kind: 'upgrade' });
}
