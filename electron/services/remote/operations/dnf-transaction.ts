/**
 * Runs a dnf transaction that must leave named packages at exact versions (an upgrade, optionally
 * within advisories; a downgrade or `history undo` for a rollback), judged by three signals: dnf's
 * exit code, dnf's own record (`dnf history info last`: a failed %post leaves exit 0 and
 * `Return-Code: Success` but its scriptlet output, execution.md fact 3), and rpm's versions after.
 * Resolves with the family-neutral {@link PackageTransactionResult}.
 */
import type { RemoteOutput } from '../executor/remote-error';
import { DNF_LOCKED_EXIT, dnfCommand, dnfHistoryUndoCommand, dnfLockHolderPid } from './dnf-command';
import { dnfLastTransaction, type DnfTransactionRecord } from './dnf-history';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';
import { missedTargets, packageMoves, type PackageMove, type PackageTarget, type PackageTransactionOptions, type PackageTransactionResult } from './package-transaction';
import { rpmPackageVersions } from './rpm-versions';

/** Options of {@link runDnfTransaction}. */
export interface DnfTransactionOptions extends PackageTransactionOptions {
  /** Upgrade only within these advisories (`--advisory=`); the targets still name the expected versions. */
  advisories?: readonly string[];
}

/** What the judge needs of one finished run. */
export interface DnfRunEvidence {
  host: string;
  output: RemoteOutput;
  /** The history record the run added, or null when it added none. */
  record: DnfTransactionRecord | null;
  moves: PackageMove[];
  lockTimeoutSeconds: number;
  /** The process holding dnf's lock, when the run reported one and it could be named. */
  lockHolder?: { pid: number; process: string };
}

/** Judges a finished dnf run by its exit code, its history record and the versions after it. */
export function judgeDnfRun(evidence: DnfRunEvidence): PackageTransactionResult {
  const { host, output, record, moves } = evidence;
  const text = `${output.stdout}\n${output.stderr}`;
  if (output.exitCode === DNF_LOCKED_EXIT) {
    const holder = evidence.lockHolder ?? { pid: dnfLockHolderPid(text) ?? 0, process: 'unknown' };
    return { outcome: 'failed', reason: 'lock_held', message: `another process held the dnf lock on ${host} for longer than ${evidence.lockTimeoutSeconds} s: ${holder.process} (pid ${holder.pid})`, lockHolder: holder, moves, output };
  }
  const scriptletFailed = (record?.scriptletFailed ?? false) || /Error in \S+ scriptlet|%\S+\(\S+\) scriptlet failed/.test(text);
  if (scriptletFailed) {
    const failing = /%(\w+)\((\S+)\) scriptlet failed/.exec([...(record?.scriptletOutput ?? []), text].join('\n'));
    const what = failing ? `the %${failing[1]} scriptlet of ${failing[2]}` : 'an RPM scriptlet';
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `${what} failed on ${host} (dnf exited ${output.exitCode}${record ? `; history transaction ${record.id} is flagged EE` : ''}); the package is installed but its script did not finish`, moves, output };
  }
  if (output.exitCode !== 0) {
    const noMatch = /No match for argument: (\S+)|Cannot find rpm nevra "([^"]+)"|No package (\S+) available/.exec(text);
    if (noMatch) return { outcome: 'failed', reason: 'version_unavailable', message: `${noMatch[1] ?? noMatch[2] ?? noMatch[3]} is not available from the repositories of ${host}`, moves, output };
    const error = text.split('\n').find((line) => line.startsWith('Error')) ?? `dnf exited with ${output.exitCode}`;
    return { outcome: 'failed', reason: 'package_manager_error', message: `${error} (on ${host})`, moves, output };
  }
  const missed = missedTargets(moves);
  if (missed !== '') return { outcome: 'failed', reason: 'not_at_target', message: `dnf reported success on ${host} but ${missed}`, moves, output };
  const warnings = /warning: \S+ created as \S+\.rpmnew/.test(text) ? ['a locally modified configuration file was kept; the packaged one was saved as .rpmnew'] : [];
  return { outcome: 'done', moves, output, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Runs `command` as one dnf transaction for `targets` and judges it (`known`: the versions already read before it). */
async function runJudged(context: OperationContext, targets: readonly PackageTarget[], command: string, options: PackageTransactionOptions, known?: Map<string, string>): Promise<PackageTransactionResult> {
  const names = targets.map((target) => target.name);
  const before = known ?? (await rpmPackageVersions(context, names));
  const lastBefore = await dnfLastTransaction(context);
  const output = await runOn(context, command, { timeoutMs: options.timeoutMs, expectedExitCodes: [0, 1, 3, DNF_LOCKED_EXIT] });
  // Read the real state whatever dnf said.
  const after = await rpmPackageVersions(context, names);
  const lastAfter = await dnfLastTransaction(context);
  const record = lastAfter && lastAfter.id !== lastBefore?.id ? lastAfter : null;
  const pid = output.exitCode === DNF_LOCKED_EXIT ? dnfLockHolderPid(`${output.stdout}\n${output.stderr}`) : null;
  const lockHolder = pid ? { pid, process: await processName(context, pid) } : undefined;
  return judgeDnfRun({ host: context.target.name, output, record, moves: packageMoves(targets, before, after), lockTimeoutSeconds: options.lockTimeoutSeconds, ...(lockHolder ? { lockHolder } : {}) });
}

/** The command name of `pid` on the host, or "unknown" when it is gone. */
async function processName(context: OperationContext, pid: number): Promise<string> {
  const output = await runOn(context, `cat /proc/${Math.trunc(pid)}/comm 2>/dev/null || echo unknown`, { timeoutMs: 30_000 });
  return output.stdout.trim() || 'unknown';
}

/** Upgrades (or, for a rollback, downgrades) each target to its exact version and verifies it. */
export async function runDnfTransaction(context: OperationContext, targets: readonly PackageTarget[], options: DnfTransactionOptions): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  const before = await rpmPackageVersions(context, targets.map((target) => target.name));
  if (targets.every((target) => before.get(target.name) === target.version)) return { outcome: 'nothing_to_do', moves: packageMoves(targets, before, before), output: null };
  const command = dnfCommand(options.kind, targets, { lockTimeoutSeconds: options.lockTimeoutSeconds, ...(options.advisories ? { advisories: options.advisories } : {}) });
  return runJudged(context, targets, command, options, before);
}

/**
 * Rolls back one recorded transaction (`dnf history undo ID`); `targets` are the versions the
 * packages must be at afterwards. Fails with `version_unavailable` when the old packages are gone.
 */
export async function runDnfHistoryUndo(context: OperationContext, transactionId: number, targets: readonly PackageTarget[], options: Omit<PackageTransactionOptions, 'kind'>): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  return runJudged(context, targets, dnfHistoryUndoCommand(transactionId, options.lockTimeoutSeconds), { ...options, kind: 'downgrade' });
}
