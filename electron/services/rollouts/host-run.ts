/**
 * One host of a rollout, step by step: connect (boot id), preflight (nothing half-installed),
 * pre commands (exit-code gate), install the pinned versions (judged by exit code, the package
 * manager's record and a version check), reboot per policy (new boot id, then readiness), post
 * checks (exit-code gate), automatic rollback when they fail, and a fresh collection that must
 * show the targeted versions. Each step goes through `step`, which records it before and after.
 */
import type { HookCommand } from '../../../shared/contract/rollouts';
import type { HostState } from '../../../shared/domain/rollouts/host-outcome';
import type { RebootPolicy } from '../../../shared/domain/rollouts/rollout-plan';
import { isRemoteError } from '../remote/executor/remote-error';
import { readBootId } from '../remote/operations/boot-identity';
import { checkLabel, runHealthCheck } from '../remote/operations/health-check';
import type { OperationContext } from '../remote/operations/operation-context';
import { rebootHost, type RebootOptions } from '../remote/operations/reboot-host';
import type { PackageFamilyOperations, TransactionOutcome } from './package-family';

/** Runs one named step of this host; recorded before and after (the job engine's ctx.step, bound to the host). */
export type HostStepRunner = <T>(name: string, fn: (note: (text: string) => void) => Promise<T>) => Promise<T>;

/** One pinned package of the host. */
export interface HostPackagePlan {
  name: string;
  fromVersion: string | null;
  toVersion: string;
}

/** What the host run changes on the host row as it goes. */
export interface HostRunSink {
  update(changes: { step?: string; rebooted?: boolean; bootIdBefore?: string; bootIdAfter?: string; postChecksPassed?: boolean | null; verifiedAt?: string }): void;
  observe(name: string, version: string | null): void;
}

/** A fresh collection of the host: the installed version of each package, or why it failed. */
export type Verifier = () => Promise<{ ok: true; installed: Map<string, string>; at: string } | { ok: false; message: string }>;

/** Everything one host run needs. */
export interface HostRunInput {
  hostname: string;
  context: OperationContext;
  family: PackageFamilyOperations;
  packages: readonly HostPackagePlan[];
  pre: readonly HookCommand[];
  post: readonly HookCommand[];
  rebootPolicy: RebootPolicy;
  autoRollback: boolean;
  /** Earlier attempts of this host (an interrupted run left it): half-done packages are then recovered, not refused. */
  resumed: boolean;
  lockTimeoutSeconds: number;
  installTimeoutMs: number;
  reboot: Omit<RebootOptions, 'readinessCommand'> & { readinessCommand?: string };
  step: HostStepRunner;
  sink: HostRunSink;
  verify: Verifier;
}

/** How the host ended. */
export interface HostRunResult {
  state: HostState;
  message: string;
}


class StepFailure extends Error {
  constructor(
    readonly state: HostState,
    message: string,
  ) {
    super(message);
  }
}

/** Runs the host; never throws for a host problem (only for a bug or a stopped job). */
export async function runHost(input: HostRunInput): Promise<HostRunResult> {
  const { context, family, step, sink } = input;
  try {
    await step('connect', async (note) => {
      try {
        // A connection kept since the preview (hours ago, maybe) would skip today's host key check: connect afresh.
        await context.executor.close(context.target);
        const bootId = family.bootId ? await family.bootId(context) : await readBootId(context);
        sink.update({ bootIdBefore: bootId });
        note(`boot id ${bootId}`);
      } catch (error) {
        throw hostProblem(error, input.hostname);
      }
    });

    await step('preflight', async (note) => {
      const unfinished = await family.unfinished(context);
      if (unfinished.length === 0) return;
      if (!input.resumed) throw new StepFailure('preflight_blocked', `${unfinished.join(', ')} ${unfinished.length === 1 ? 'was' : 'were'} left half-installed on ${input.hostname} before this rollout: finish that by hand first`);
      note(await family.recover(context, input.installTimeoutMs));
    });

    for (const [index, hook] of input.pre.entries()) {
      const output = await step(`pre ${index + 1}`, async (note) => {
        const result = await runHealthCheck(context, hook);
        note(result.output ? `${checkLabel(hook)}: ${result.reason}\n${result.output}` : `${checkLabel(hook)}: ${result.reason}`);
        return result;
      });
      if (!output.passed) {
        // JetPatch's order: a failed pre step skips the install, but the post steps still run,
        // since they may put back what the pre steps changed (a load balancer member, a service).
        await runPostChecks(input, ' (after the failed pre step)');
        return { state: 'preflight_blocked', message: `pre step ${index + 1} (${checkLabel(hook)}) ${output.reason} on ${input.hostname}: nothing was installed` };
      }
    }

    const targets = input.packages.map((item) => ({ name: item.name, version: item.toVersion }));
    let changed = false;
    if (targets.length > 0) {
      const installed = await step('install', async (note) => {
        let result: TransactionOutcome;
        try {
          // A family that installs in rounds across restarts (Windows) reboots between them as its own step, unless the policy says never.
          const between = input.rebootPolicy === 'never' ? {} : { reboot: async () => void (await rebootStep(input, 'installed updates asked for a restart before the next round')) };
          result = await family.install(context, targets, { kind: 'upgrade', lockTimeoutSeconds: input.lockTimeoutSeconds, timeoutMs: input.installTimeoutMs, ...between });
        } catch (error) {
          if (!isRemoteError(error, 'connection_lost', 'timeout')) throw error;
          // The connection dropped mid-install: connect again and read what is really there; never assume.
          note(`the connection dropped during the install (${error.message}); reading the real state again`);
          result = await readAfterLostConnection(input, error.message);
        }
        note(result.outputTail);
        for (const move of result.moves) sink.observe(move.name, move.after);
        return result;
      });
      if (installed.outcome === 'failed') {
        if (installed.reason === 'maintainer_script_failed') {
          await step('recover', async (note) => note(await family.recover(context, input.installTimeoutMs)));
          return await failAndMaybeRollBack(input, `${installed.message}; recovered with the package manager's own repair`);
        }
        const touched = installed.moves.some((move) => move.after !== move.from);
        if (touched) return await failAndMaybeRollBack(input, installed.message);
        return { state: 'failed', message: installed.message };
      }
      changed = installed.outcome === 'done';
    }

    await rebootPerPolicy(input, changed);

    const checks = await runPostChecks(input);
    if (!checks.passed) return await failAndMaybeRollBack(input, checks.message);

    await step('verify', async (note) => {
      const fresh = await input.verify();
      if (!fresh.ok) throw new StepFailure('failed', `the fresh collection of ${input.hostname} failed: ${fresh.message}`);
      const seen = (item: HostPackagePlan) => collectedVersion(family, fresh.installed, item.name, item.toVersion);
      const off = input.packages.filter((item) => seen(item) !== item.toVersion);
      for (const item of input.packages) sink.observe(item.name, seen(item));
      if (off.length > 0) throw new StepFailure('failed', `the fresh collection of ${input.hostname} shows ${off.map((item) => `${item.name} ${family.presence ? 'not installed' : `at ${seen(item) ?? 'nothing'}, not ${item.toVersion}`}`).join('; ')}`);
      sink.update({ verifiedAt: fresh.at });
      note(`collected at ${fresh.at}: ${input.packages.map((item) => (family.presence ? `${item.name} installed` : `${item.name} ${item.toVersion}`)).join(', ') || 'nothing targeted'}`);
    });
    return changed ? { state: 'installed', message: `installed ${input.packages.map((item) => (family.presence ? item.name : `${item.name} ${item.fromVersion ?? '(new)'} → ${item.toVersion}`)).join(', ')}` } : { state: 'nothing_to_do', message: input.packages.length === 0 ? 'nothing selected is pending on this host' : family.presence ? 'the planned updates are installed already: nothing to do' : 'already at the planned versions: nothing to do' };
  } catch (error) {
    if (error instanceof StepFailure) return { state: error.state, message: error.message };
    if (isRemoteError(error)) {
      const problem = hostProblem(error, input.hostname);
      return { state: problem.state === 'unreachable' ? 'failed' : problem.state, message: problem.message };
    }
    throw error;
  }
}

/** What a transaction cut off by a lost connection left behind, judged like a finished one. */
async function readAfterLostConnection(input: HostRunInput, why: string): Promise<TransactionOutcome> {
  const names = input.packages.map((item) => item.name);
  const installed = await input.family.installedVersions(input.context, names);
  const unfinished = new Set(await input.family.unfinished(input.context));
  const moves = input.packages.map((item) => ({ name: item.name, from: item.fromVersion, to: item.toVersion, after: installed.get(item.name)?.version ?? null }));
  const outputTail = `after the lost connection: ${moves.map((move) => `${move.name} ${move.after ?? 'not installed'}`).join(', ')}`;
  const half = names.filter((name) => unfinished.has(name) || installed.get(name)?.complete === false);
  if (half.length > 0) return { outcome: 'failed', reason: 'maintainer_script_failed', message: `the connection to ${input.hostname} dropped during the install (${why}) and ${half.join(', ')} ${half.length === 1 ? 'is' : 'are'} left half-installed`, moves, outputTail };
  if (moves.every((move) => move.after === move.to)) return { outcome: 'done', moves, outputTail };
  return { outcome: 'failed', reason: 'error', message: `the connection to ${input.hostname} dropped during the install (${why}); ${moves.filter((move) => move.after !== move.to).map((move) => `${move.name} is at ${move.after ?? 'nothing'}, not ${move.to}`).join('; ')}`, moves, outputTail };
}

/** Rolls the host back to its recorded versions (a step of its own), then collects it afresh. */
export async function rollBackHost(input: Pick<HostRunInput, 'hostname' | 'context' | 'family' | 'packages' | 'lockTimeoutSeconds' | 'installTimeoutMs' | 'step' | 'sink' | 'verify'> & Partial<Pick<HostRunInput, 'rebootPolicy' | 'reboot'>>): Promise<HostRunResult> {
  // A presence family (Windows) rolls back by removing each planned update: version '' is "absent".
  const back = input.family.presence ? input.packages.map((item) => ({ name: item.name, version: '' })) : input.packages.filter((item) => item.fromVersion !== null).map((item) => ({ name: item.name, version: item.fromVersion ?? '' }));
  if (back.length === 0) return { state: 'rolled_back', message: 'nothing to roll back: no package had an earlier version' };
  try {
    const result = await input.step('rollback', async (note) => {
      const outcome = await input.family.install(input.context, back, { kind: 'downgrade', lockTimeoutSeconds: input.lockTimeoutSeconds, timeoutMs: input.installTimeoutMs });
      note(outcome.outputTail);
      for (const move of outcome.moves) input.sink.observe(move.name, move.after);
      return outcome;
    });
    if (result.outcome === 'failed') return { state: 'rollback_failed', message: `rollback ${result.reason === 'not_possible' ? 'not possible' : 'failed'}: ${result.message}` };
    // Windows finishes an uninstall at the restart (wusa 3010): reboot per policy before the collection judges it.
    if (input.family.presence && input.rebootPolicy !== undefined && input.rebootPolicy !== 'never' && input.reboot && (await input.family.rebootRequired(input.context)).required) {
      await rebootStep({ ...input, reboot: input.reboot }, 'the uninstall asked for a restart');
    }
    const fresh = await input.step('verify rollback', async () => input.verify());
    if (!fresh.ok) return { state: 'rollback_failed', message: `rolled back, but the fresh collection failed: ${fresh.message}` };
    const seen = (item: { name: string; version: string }) => collectedVersion(input.family, fresh.installed, item.name, item.version) ?? '';
    const off = back.filter((item) => seen(item) !== item.version);
    if (off.length > 0) return { state: 'rollback_failed', message: `after the rollback the fresh collection shows ${off.map((item) => `${item.name} ${input.family.presence ? 'still installed' : `at ${seen(item) || 'nothing'}, not ${item.version}`}`).join('; ')}` };
    input.sink.update({ verifiedAt: fresh.at });
    return { state: 'rolled_back', message: input.family.presence ? `rolled back: uninstalled ${back.map((item) => item.name).join(', ')}` : `rolled back to ${back.map((item) => `${item.name} ${item.version}`).join(', ')}` };
  } catch (error) {
    if (isRemoteError(error)) return { state: 'rollback_failed', message: `rollback failed: ${error.message}` };
    if (error instanceof StepFailure) return { state: 'rollback_failed', message: `uninstalled, but ${error.message}` };
    throw error;
  }
}

async function failAndMaybeRollBack(input: HostRunInput, message: string): Promise<HostRunResult> {
  if (!input.autoRollback) return { state: 'failed', message: `${message} (automatic rollback is off)` };
  const rolled = await rollBackHost(input);
  return { state: rolled.state, message: `${message}; ${rolled.message}` };
}

async function rebootPerPolicy(input: HostRunInput, changed: boolean): Promise<void> {
  if (input.rebootPolicy === 'never') return;
  const required = await input.family.rebootRequired(input.context);
  const wanted = input.rebootPolicy === 'always' ? changed : required.required;
  if (!wanted) return;
  await rebootStep(input, required.packages.length > 0 ? `asked for by ${required.packages.join(', ')}` : '');
}

/** The reboot step: the family's reboot (Linux's by default), waiting for a new boot identity. */
async function rebootStep(input: Pick<HostRunInput, 'hostname' | 'context' | 'family' | 'step' | 'sink' | 'reboot'>, why: string): Promise<void> {
  await input.step('reboot', async (note) => {
    try {
      const result = input.family.reboot ? await input.family.reboot(input.context, input.reboot) : await rebootHost(input.context, input.reboot);
      input.sink.update({ rebooted: true, bootIdBefore: result.bootIdBefore, bootIdAfter: result.bootIdAfter });
      note(`boot id ${result.bootIdBefore} → ${result.bootIdAfter}${why ? ` (${why})` : ''}`);
    } catch (error) {
      if (isRemoteError(error)) throw new StepFailure('failed', `${input.hostname} did not come back from its reboot: ${error.message}`);
      throw error;
    }
  });
}

/** What a fresh collection shows for `name` in the plan's terms: its version, or for a presence family (Windows lists a KB with its install date) `expected` when listed. */
function collectedVersion(family: PackageFamilyOperations, installed: ReadonlyMap<string, string>, name: string, expected: string): string | null {
  if (!family.presence) return installed.get(name) ?? null;
  return installed.has(name) ? (expected === '' ? 'installed' : expected) : null;
}

async function runPostChecks(input: HostRunInput, suffix = ''): Promise<{ passed: boolean; message: string }> {
  for (const [index, hook] of input.post.entries()) {
    const output = await input.step(`post ${index + 1}${suffix}`, async (note) => {
      const result = await runHealthCheck(input.context, hook);
      note(result.output ? `${checkLabel(hook)}: ${result.reason}\n${result.output}` : `${checkLabel(hook)}: ${result.reason}`);
      return result;
    });
    if (!output.passed) {
      input.sink.update({ postChecksPassed: false });
      return { passed: false, message: `post check ${index + 1} (${checkLabel(hook)}) ${output.reason} on ${input.hostname}` };
    }
  }
  if (input.post.length > 0) input.sink.update({ postChecksPassed: true });
  return { passed: true, message: '' };
}

/** A connection problem as the host's state: a changed host key stops the host, an unreachable one is not attempted. */
function hostProblem(error: unknown, hostname: string): StepFailure {
  if (!isRemoteError(error)) throw error;
  if (error.code === 'host_key_changed' || error.code === 'host_key_unknown') return new StepFailure('preflight_blocked', `stopped: the host key of ${hostname} does not match the pinned one (${error.message}); compare and accept it under Host keys before anything runs there`);
  if (error.code === 'auth_failed' || error.code === 'sudo_failed') return new StepFailure('preflight_blocked', error.message);
  if (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'connection_lost') return new StepFailure('unreachable', error.message);
  return new StepFailure('failed', error.message);
}
