/**
 * Scripted package hosts for rollout tests that need no lab: each host has dpkg's installed
 * versions, a repository's versions, packages whose postinst fails, a reboot flag, a boot id, a
 * lock holder and a health check, and answers the few commands a rollout runs itself (boot id,
 * reboot, hooks). The real hosts are in the package lab (rollouts.lab.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteExecutor, RemoteRunOptions, RemoteTarget } from '../../remote/executor/remote-executor';
import { RemoteError, type RemoteOutput } from '../../remote/executor/remote-error';
import { REBOOT_COMMAND } from '../../remote/operations/reboot-host';
import type { HostAccess } from '../host-access';
import type { PackageFamilyOperations, PlannedChange, TransactionOutcome } from '../package-family';

/** One scripted host. */
export interface FakeHost {
  name: string;
  installed: Map<string, string>;
  /** Versions the repository offers per package (newest last). */
  repository: Map<string, string[]>;
  half: Set<string>;
  postinstFails: Set<string>;
  needsReboot: Set<string>;
  /** Packages whose version other than 1.0 breaks the health check. */
  breaksHealth: Set<string>;
  rebootRequired: boolean;
  bootId: string;
  lockHolder: { pid: number; process: string } | null;
  removes: string[];
  down: boolean;
  hostKeyChanged: boolean;
  /** The next install changes the packages, then loses the connection before apt-get answers. */
  dropDuringInstall: boolean;
  /** Called after each install or downgrade (a test moves the clock or stops the job here). */
  afterInstall?: (host: FakeHost) => void;
  commands: string[];
}

/** A host with `packages` installed at 1.0 and 1.1 in the repository. */
export function fakeHost(name: string, packages: readonly string[], extra: Partial<FakeHost> = {}): FakeHost {
  return {
    name,
    installed: new Map(packages.map((pkg) => [pkg, '1.0'])),
    repository: new Map(packages.map((pkg) => [pkg, ['1.0', '1.1']])),
    half: new Set(),
    postinstFails: new Set(),
    needsReboot: new Set(),
    breaksHealth: new Set(),
    rebootRequired: false,
    bootId: randomUUID(),
    lockHolder: null,
    removes: [],
    down: false,
    hostKeyChanged: false,
    dropDuringInstall: false,
    commands: [],
    ...extra,
  };
}

/** The health check a test plan runs after installing. */
export const HEALTH_COMMAND = 'fake-health-check';

/**
 * A step that holds the host until the test releases it: `hold:DIR` returns once the file
 * DIR/<host name> exists (an end-to-end test, in another process, creates it). The moment a host
 * is mid-step is then an event the test makes, not a guess about timing.
 */
export const HOLD_PREFIX = 'hold:';

async function holdUntilReleased(dir: string, hostName: string): Promise<void> {
  const released = join(dir, hostName);
  // Waiting for the test's explicit release; the interval only decides how soon it is noticed.
  while (!existsSync(released)) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Hosts by target name, and the executor, family and access over them. */
export function fakeFleet(hosts: readonly FakeHost[]) {
  const byName = new Map(hosts.map((host) => [host.name, host]));
  const hostOf = (target: RemoteTarget) => {
    const host = byName.get(target.name);
    if (!host) throw new Error(`no fake host ${target.name}`);
    return host;
  };
  const reach = (host: FakeHost) => {
    if (host.hostKeyChanged) throw new RemoteError('host_key_changed', host.name, `the host key of ${host.name} changed`);
    if (host.down) throw new RemoteError('unreachable', host.name, `${host.name} does not answer`);
  };

  const executor: RemoteExecutor = {
    async run(target: RemoteTarget, command: string, options: RemoteRunOptions): Promise<RemoteOutput> {
      const host = hostOf(target);
      reach(host);
      host.commands.push(command);
      let output: RemoteOutput = { stdout: '', stderr: '', exitCode: 0 };
      if (command === 'cat /proc/sys/kernel/random/boot_id') output = { stdout: `${host.bootId}\n`, stderr: '', exitCode: 0 };
      else if (command === REBOOT_COMMAND) {
        host.bootId = randomUUID();
        host.rebootRequired = false;
      } else if (command === HEALTH_COMMAND) {
        const broken = [...host.breaksHealth].filter((pkg) => host.installed.get(pkg) !== '1.0');
        output = broken.length > 0 ? { stdout: '', stderr: `${broken.join(', ')} broke the service`, exitCode: 1 } : { stdout: 'healthy', stderr: '', exitCode: 0 };
      } else if (command.startsWith(HOLD_PREFIX)) await holdUntilReleased(command.slice(HOLD_PREFIX.length), host.name);
      else if (command.startsWith('exit ')) output = { stdout: '', stderr: '', exitCode: Number(command.slice(5)) };
      const expected = options.expectedExitCodes ?? [0];
      if (!expected.includes(output.exitCode)) throw new RemoteError('nonzero_exit', host.name, `exited ${output.exitCode}`, output);
      return output;
    },
    async close() {},
  };

  const family: PackageFamilyOperations = {
    family: 'apt',
    async preview(context, packages) {
      const host = hostOf(context.target);
      reach(host);
      const changes: PlannedChange[] = [];
      for (const spec of packages) {
        const from = host.installed.get(spec.name);
        if (from === undefined) continue;
        const offered = host.repository.get(spec.name) ?? [];
        const to = spec.version ?? offered.at(-1) ?? from;
        if (!offered.includes(to)) throw new RemoteError('nonzero_exit', host.name, `apt cannot plan the upgrade on ${host.name}: version ${to} of ${spec.name} is not available from the host's repositories`);
        if (to !== from) changes.push({ name: spec.name, from, to, kind: 'upgrade', requested: true });
      }
      for (const name of host.removes) changes.push({ name, from: host.installed.get(name) ?? '1.0', to: '', kind: 'remove', requested: false });
      return { changes, removals: [...host.removes] };
    },
    async versionSources(context, wanted) {
      const host = hostOf(context.target);
      return new Map(wanted.map((item) => [`${item.name}=${item.version}`, (host.repository.get(item.name) ?? []).includes(item.version) ? 'repository' : 'none']));
    },
    async install(context, targets, options): Promise<TransactionOutcome> {
      const host = hostOf(context.target);
      reach(host);
      const before = new Map(targets.map((target) => [target.name, host.installed.get(target.name) ?? null]));
      const moves = () => targets.map((target) => ({ name: target.name, from: before.get(target.name) ?? null, to: target.version, after: host.installed.get(target.name) ?? null }));
      if (targets.every((target) => host.installed.get(target.name) === target.version && !host.half.has(target.name))) return { outcome: 'nothing_to_do', moves: moves(), outputTail: '' };
      if (host.lockHolder) return { outcome: 'failed', reason: 'lock_held', message: `another process held the package lock on ${host.name} for longer than ${options.lockTimeoutSeconds} s: ${host.lockHolder.process} (pid ${host.lockHolder.pid})`, moves: moves(), outputTail: '' };
      const missing = targets.find((target) => !(host.repository.get(target.name) ?? []).includes(target.version));
      if (missing) return { outcome: 'failed', reason: 'version_unavailable', message: `version ${missing.version} of ${missing.name} is no longer available on ${host.name}`, moves: moves(), outputTail: '' };
      for (const target of targets) {
        host.installed.set(target.name, target.version);
        host.half.delete(target.name);
        if (options.kind === 'upgrade' && host.postinstFails.has(target.name)) host.half.add(target.name);
        if (options.kind === 'upgrade' && host.needsReboot.has(target.name)) host.rebootRequired = true;
      }
      host.afterInstall?.(host);
      if (host.dropDuringInstall) {
        host.dropDuringInstall = false;
        throw new RemoteError('connection_lost', host.name, `the connection to ${host.name} was lost while the command ran`);
      }
      if (host.half.size > 0) return { outcome: 'failed', reason: 'maintainer_script_failed', message: `dpkg could not finish configuring ${[...host.half].join(', ')} on ${host.name}: a maintainer script failed`, moves: moves(), outputTail: '' };
      return { outcome: 'done', moves: moves(), outputTail: 'Setting up' };
    },
    async recover(context) {
      hostOf(context.target).commands.push('dpkg --configure -a');
      return 'dpkg: error processing package (still failing)';
    },
    async installedVersions(context, names) {
      const host = hostOf(context.target);
      reach(host);
      return new Map(names.filter((name) => host.installed.has(name)).map((name) => [name, { version: host.installed.get(name) ?? '', complete: !host.half.has(name) }]));
    },
    async unfinished(context) {
      return [...hostOf(context.target).half];
    },
    async rebootRequired(context) {
      const host = hostOf(context.target);
      return { required: host.rebootRequired, packages: host.rebootRequired ? [...host.needsReboot] : [] };
    },
  };

  const access: HostAccess = {
    open(asset) {
      const name = asset.hostname;
      if (!byName.has(name)) return { ok: false, reason: `no fake host ${name}` };
      return { ok: true, context: { executor, target: { protocol: 'ssh', name, ssh: { host: name, port: 22, username: 'root', auth: { kind: 'password', password: 'x' }, connectTimeoutMs: 1, commandTimeoutMs: 1 } }, sudo: false } };
    },
    async collect(asset) {
      const host = byName.get(asset.hostname);
      if (!host || host.down) return { ok: false, message: `${asset.hostname} does not answer` };
      return { ok: true, installed: new Map(host.installed), at: new Date(0).toISOString() };
    },
  };
  return { executor, family, access, host: (name: string) => byName.get(name) };
}
