/**
 * apk transactions to exact versions (an upgrade, or a rollback's downgrade: `apk add name=VERSION`
 * does both), judged by three signals: apk's exit code (the number of errors; 99 at most), apk's
 * own database afterwards (`/lib/apk/db/installed`: a failed package script leaves exit 1, the new
 * version and the `s` broken flag), and the versions read back. The world pin each `add` writes is
 * tracked: the world is read before and after, each touched entry is put back in the same remote
 * command (`apk-command.ts`), and a pin still there afterwards is named in the result's warnings
 * with the command that removes it. apk-tools 2 keeps no transaction log (v3's /var/log/apk.log is
 * not read), so the database is the record.
 */
import type { RemoteOutput } from '../executor/remote-error';
import { apkPinnedAddCommand } from './apk-command';
import { apkLockHolder } from './apk-lock-holder';
import { describeApkFlags, isVersionedEntry, readApkState, worldEntry, type ApkState } from './apk-installed';
import { apkPlanProblem } from './apk-preview';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';
import { missedTargets, packageMoves, type PackageMove, type PackageTarget, type PackageTransactionOptions, type PackageTransactionResult } from './package-transaction';

/** What the judge needs of one finished run. */
export interface ApkRunEvidence {
  host: string;
  output: RemoteOutput;
  moves: PackageMove[];
  /** apk's broken flags of each target after the run (empty: complete). */
  flagsAfter: ReadonlyMap<string, string>;
  /** Each target's world entry before the run (null: not named) and after it. */
  worldBefore: ReadonlyMap<string, string | null>;
  worldAfter: ReadonlyMap<string, string | null>;
  lockTimeoutSeconds: number;
  /** The process holding apk's lock, when the run could not take it and the holder could be read. */
  lockHolder?: { pid: number; process: string };
}

/** The pins the run left in the world: entries that differ from before, with the command that puts each back. */
export function leftPins(worldBefore: ReadonlyMap<string, string | null>, worldAfter: ReadonlyMap<string, string | null>): string[] {
  const left: string[] = [];
  for (const [name, after] of worldAfter) {
    const before = worldBefore.get(name) ?? null;
    if (after === before) continue;
    left.push(`/etc/apk/world still holds "${after ?? '(nothing)'}" for ${name} instead of "${before ?? '(nothing)'}": put it back with \`${before === null ? `apk del ${name}` : `apk add ${before}`}\``);
  }
  return left;
}

const isLockFailure = (text: string) => /Unable to lock database/.test(text);

/** Judges a finished apk run. */
export function judgeApkRun(evidence: ApkRunEvidence): PackageTransactionResult {
  const { host, output, moves } = evidence;
  const text = `${output.stdout}\n${output.stderr}`;
  const pins = leftPins(evidence.worldBefore, evidence.worldAfter);
  const withPins = pins.length > 0 ? { warnings: pins } : {};
  if (isLockFailure(text)) {
    const holder = evidence.lockHolder ?? { pid: 0, process: 'unknown' };
    return { outcome: 'failed', reason: 'lock_held', message: `another process held /lib/apk/db/lock on ${host} for longer than ${evidence.lockTimeoutSeconds} s: ${holder.process} (pid ${holder.pid})`, lockHolder: holder, moves, output };
  }
  const broken = moves.filter((move) => (evidence.flagsAfter.get(move.name) ?? '') !== '');
  const scriptFailed = /: script exited with error \d+|: failed to execute:/.test(text);
  if (broken.length > 0 || scriptFailed) {
    const what = broken.length > 0 ? broken.map((move) => `${move.name} (${describeApkFlags(evidence.flagsAfter.get(move.name) ?? '')})`).join(', ') : (/ERROR: (\S+?)\.(?:pre|post)-\w+: script/.exec(text)?.[1] ?? 'a package');
    return { outcome: 'failed', reason: 'maintainer_script_failed', message: `apk could not finish ${what} on ${host} (apk exited ${output.exitCode}); the package is at its new version but flagged broken in apk's database`, moves, output, ...withPins };
  }
  if (output.exitCode !== 0) {
    const problem = apkPlanProblem(text) ?? `apk exited with ${output.exitCode}`;
    // An exact version nobody offers: the solver says the world constraint breaks, or names no such package.
    if (/unable to select packages/.test(text) && /breaks: world\[|no such package/.test(text)) return { outcome: 'failed', reason: 'version_unavailable', message: `${moves.map((move) => `${move.name} ${move.to}`).join(', ')}: not all available from the repositories or cache of ${host} (${problem})`, moves, output, ...withPins };
    return { outcome: 'failed', reason: 'package_manager_error', message: `${problem} (on ${host})`, moves, output, ...withPins };
  }
  const missed = missedTargets(moves);
  if (missed !== '') return { outcome: 'failed', reason: 'not_at_target', message: `apk reported success on ${host} but ${missed}`, moves, output, ...withPins };
  const kept = /\.apk-new\b/.test(text) ? ['a locally modified configuration file was kept; the packaged one was saved as .apk-new'] : [];
  const warnings = [...kept, ...pins];
  return { outcome: 'done', moves, output, ...(warnings.length > 0 ? { warnings } : {}) };
}

const entries = (state: ApkState, names: readonly string[]) => new Map(names.map((name) => [name, worldEntry(state.world, name)]));
const versions = (state: ApkState) => new Map([...state.installed].map(([name, item]) => [name, item.version]));

/**
 * Installs each target's exact version (`upgrade`, or `downgrade` for a rollback) and puts the
 * world back. Refused before anything runs when the world pins a target (an admin's pin).
 */
export async function runApkTransaction(context: OperationContext, targets: readonly PackageTarget[], options: PackageTransactionOptions): Promise<PackageTransactionResult> {
  assertPackageSpecs(targets);
  const host = context.target.name;
  const names = targets.map((target) => target.name);
  const before = await readApkState(context);
  const worldBefore = entries(before, names);
  if (targets.every((target) => before.installed.get(target.name)?.version === target.version && before.installed.get(target.name)?.flags === '')) return { outcome: 'nothing_to_do', moves: packageMoves(targets, versions(before), versions(before)), output: null };
  const pinned = [...worldBefore.values()].filter((entry): entry is string => entry !== null && isVersionedEntry(entry));
  if (pinned.length > 0) return { outcome: 'failed', reason: 'package_manager_error', message: `the world of ${host} pins ${pinned.join(', ')}: Patchdesk does not override an admin's pin; nothing ran`, moves: packageMoves(targets, versions(before), versions(before)), output: null };
  const output = await runOn(context, apkPinnedAddCommand(targets, worldBefore, options.lockTimeoutSeconds), { timeoutMs: options.timeoutMs, expectedExitCodes: Array.from({ length: 100 }, (_, code) => code) });
  // Read the real state whatever apk said; when the lock stopped it, who holds the lock (the file names nobody).
  const after = await readApkState(context);
  const lockHolder = isLockFailure(`${output.stdout}\n${output.stderr}`) ? await apkLockHolder(context) : undefined;
  return judgeApkRun({
    host,
    output,
    moves: packageMoves(targets, versions(before), versions(after)),
    flagsAfter: new Map(names.map((name) => [name, after.installed.get(name)?.flags ?? ''])),
    worldBefore,
    worldAfter: entries(after, names),
    lockTimeoutSeconds: options.lockTimeoutSeconds,
    ...(lockHolder ? { lockHolder } : {}),
  });
}
