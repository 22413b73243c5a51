/**
 * Scripted Alpine hosts for the apk family's tests. Debian 12 has no apk-tools, so there is no real
 * Alpine host in the lab: these answer the exact commands the apk operations build
 * (`remote/operations/apk-command.ts`) the way apk-tools 2.14 would, in the formats of
 * `apk-outputs.fixtures.ts` (taken from apk-tools' source and man pages, not from a host). They
 * keep what apk keeps: installed versions with broken flags, the world (so the pin trap is
 * visible), the repository's versions, the cache's files, the lock, and a kernel. They encode
 * Patchdesk's reading of apk, not apk itself.
 */
import { randomUUID } from 'node:crypto';
import type { RemoteExecutor, RemoteRunOptions, RemoteTarget } from '../../remote/executor/remote-executor';
import { RemoteError, type RemoteOutput } from '../../remote/executor/remote-error';
import { APK_CACHE_MARKER, APK_STATE_COMMAND, APK_STATE_WORLD_MARKER } from '../../remote/operations/apk-command';
import { APK_LOCK_HOLDER_COMMAND } from '../../remote/operations/apk-lock-holder';
import { APK_REBOOT_PROBE } from '../../remote/operations/apk-reboot-required';
import type { OperationContext } from '../../remote/operations/operation-context';
import { REBOOT_COMMAND } from '../../remote/operations/reboot-host';
import { compareApkVersions } from '../../../../shared/domain/versions';
import type { HostAccess } from '../host-access';

/** One scripted Alpine host. */
export interface ScriptedApkHost {
  name: string;
  installed: Map<string, { version: string; flags: string }>;
  world: string[];
  /** Versions each package's repositories offer. */
  repository: Map<string, string[]>;
  /** Versions kept in /etc/apk/cache. */
  cache: Map<string, string[]>;
  /** Packages whose post-upgrade script fails when they move up. */
  scriptFails: Set<string>;
  /** Packages whose version other than the first installed one breaks the health check. */
  breaksHealth: Set<string>;
  /** Packages a simulated upgrade would purge along the way (a removal nobody approved). */
  purges: string[];
  /** Another process holds /lib/apk/db/lock (its pid and name, as /proc/locks and /proc/PID/comm tell). */
  lockHeld: { pid: number; process: string } | null;
  /** The restore after an add does nothing (a pin is left behind). */
  restoreFails: boolean;
  kernel: { running: string; modules: string[] };
  bootId: string;
  commands: string[];
  /** The versions it started with, for the health check. */
  readonly initial: Map<string, string>;
}

/** An Alpine host with `packages` at 1.0-r0 (named in the world) and 1.0-r0 and 1.1-r0 in the repository. */
export function scriptedApkHost(name: string, packages: readonly string[], extra: Partial<ScriptedApkHost> = {}): ScriptedApkHost {
  const installed = new Map(packages.map((pkg) => [pkg, { version: '1.0-r0', flags: '' }]));
  return {
    name,
    installed,
    world: ['alpine-base', ...packages],
    repository: new Map(packages.map((pkg) => [pkg, ['1.0-r0', '1.1-r0']])),
    cache: new Map(),
    scriptFails: new Set(),
    breaksHealth: new Set(),
    purges: [],
    lockHeld: null,
    restoreFails: false,
    kernel: { running: '6.6.58-0-lts', modules: ['6.6.58-0-lts'] },
    bootId: randomUUID(),
    commands: [],
    initial: new Map([...installed].map(([pkg, item]) => [pkg, item.version])),
    ...extra,
  };
}

/** The post check a test plan runs. */
export const APK_HEALTH_COMMAND = 'scripted-apk-health';

const entryName = (line: string) => line.replace(/[@<>=~].*$/, '');

function setWorld(host: ScriptedApkHost, name: string, entry: string | null): void {
  const at = host.world.findIndex((line) => entryName(line) === name);
  if (entry === null) {
    if (at >= 0) host.world.splice(at, 1);
  } else if (at >= 0) host.world[at] = entry;
  else host.world.push(entry);
}

function state(host: ScriptedApkHost): string {
  const records = [...host.installed].map(([name, item]) => `P:${name}\nV:${item.version}\n${item.flags ? `f:${item.flags}\n` : ''}`);
  return `${records.join('\n')}\n${APK_STATE_WORLD_MARKER}\n${host.world.join('\n')}\n`;
}

function simulate(host: ScriptedApkHost, args: string[]): RemoteOutput {
  const changes: string[] = [];
  for (const arg of args) {
    const [spec = '', pinned] = arg.split('=');
    const name = spec.replace(/@.*$/, '');
    const from = host.installed.get(name)?.version;
    const offered = host.repository.get(name) ?? [];
    const to = pinned ?? [...offered].sort(compareApkVersions).at(-1) ?? from;
    if (pinned !== undefined && !offered.includes(pinned) && !(host.cache.get(name) ?? []).includes(pinned)) {
      return { stdout: '', stderr: `ERROR: unable to select packages:\n  ${name}-${from ?? ''}:\n    breaks: world[${name}=${pinned}]\n`, exitCode: 1 };
    }
    if (from !== undefined && to !== undefined && to !== from) changes.push(`${compareApkVersions(to, from) > 0 ? 'Upgrading' : 'Downgrading'} ${name} (${from} -> ${to})`);
  }
  for (const name of host.purges) changes.push(`Purging ${name} (${host.installed.get(name)?.version ?? '1.0-r0'})`);
  const total = changes.length;
  return { stdout: `${changes.map((change, index) => `(${index + 1}/${total}) ${change}`).join('\n')}${total > 0 ? '\n' : ''}OK: 8 MiB in ${host.installed.size} packages\n`, stderr: '', exitCode: 0 };
}

function pinnedAdd(host: ScriptedApkHost, command: string): RemoteOutput {
  const addLine = /-U add (.+) <\/dev\/null; pd_rc=\$\?/.exec(command)?.[1] ?? '';
  if (host.lockHeld) return { stdout: 'Waiting for repository lock\n', stderr: 'ERROR: Unable to lock database: Interrupted system call\nERROR: Failed to open apk database: Interrupted system call\n', exitCode: 99 };
  const targets = addLine.split(' ').map((arg) => {
    const [spec = '', version = ''] = arg.split('=');
    return { name: spec.replace(/@.*$/, ''), tag: /@.*$/.exec(spec)?.[0] ?? '', version };
  });
  const unavailable = targets.find((target) => !(host.repository.get(target.name) ?? []).includes(target.version) && !(host.cache.get(target.name) ?? []).includes(target.version));
  const stdout: string[] = [];
  const stderr: string[] = [];
  let errors = 0;
  if (unavailable) {
    stderr.push('ERROR: unable to select packages:', `  ${unavailable.name}-${host.installed.get(unavailable.name)?.version ?? ''}:`, `    breaks: world[${unavailable.name}=${unavailable.version}]`);
    return { stdout: '', stderr: `${stderr.join('\n')}\n`, exitCode: 1 };
  }
  targets.forEach((target, index) => {
    const from = host.installed.get(target.name)?.version ?? '';
    const up = compareApkVersions(target.version, from) > 0;
    stdout.push(`(${index + 1}/${targets.length}) ${up ? 'Upgrading' : 'Downgrading'} ${target.name} (${from} -> ${target.version})`);
    let flags = '';
    if (up && host.scriptFails.has(target.name)) {
      stdout.push(`Executing ${target.name}-${target.version}.post-upgrade`);
      stderr.push(`ERROR: ${target.name}-${target.version}.post-upgrade: script exited with error 1`);
      flags = 's';
      errors += 1;
    }
    host.installed.set(target.name, { version: target.version, flags });
    // The pin trap: apk add name=VERSION writes that constraint into the world.
    setWorld(host, target.name, `${target.name}${target.tag}=${target.version}`);
  });
  stdout.push(errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}; 8 MiB in ${host.installed.size} packages` : `OK: 8 MiB in ${host.installed.size} packages`);
  // Each `if [ "$(pd_world NAME)" != "PRIOR" ]; then ... add PRIOR | del NAME ...; fi` line.
  for (const match of command.matchAll(/if \[ "\$\(pd_world (\S+)\)" != "([^"]*)" \]; then .* (add|del) (\S+) <\/dev\/null; fi/g)) {
    const [, name = '', prior = ''] = match;
    const now = host.world.find((line) => entryName(line) === name) ?? '';
    if (now === prior || host.restoreFails) continue;
    setWorld(host, name, prior === '' ? null : prior);
    if (prior === '') stdout.push('World updated, but the following packages are not removed due to:', `  ${name}: alpine-base`);
  }
  return { stdout: `${stdout.join('\n')}\n`, stderr: stderr.length > 0 ? `${stderr.join('\n')}\n` : '', exitCode: errors };
}

function fix(host: ScriptedApkHost): RemoteOutput {
  const lines: string[] = [];
  for (const [name, item] of host.installed) {
    if (item.flags === '') continue;
    lines.push(`(1/1) Reinstalling ${name} (${item.version})`);
    // The script runs again; one that fails keeps failing.
    if (!host.scriptFails.has(name)) item.flags = '';
  }
  return { stdout: `${lines.join('\n')}\nOK: 8 MiB in ${host.installed.size} packages\n`, stderr: '', exitCode: 0 };
}

function policy(host: ScriptedApkHost, names: string[]): string {
  const blocks = names.map((name) => {
    const versions = [...new Set([...(host.repository.get(name) ?? []), host.installed.get(name)?.version ?? ''])].filter((version) => version !== '').sort(compareApkVersions).reverse();
    return `${name} policy:\n${versions.map((version) => `  ${version}:\n${host.installed.get(name)?.version === version ? '    lib/apk/db/installed\n' : ''}${(host.repository.get(name) ?? []).includes(version) ? '    @lab http://lab/alpine\n' : ''}`).join('')}`;
  });
  const files = [...host.cache].flatMap(([name, versions]) => versions.map((version) => `${name}-${version}.0badcafe.apk`));
  return `${blocks.join('')}${APK_CACHE_MARKER}\nAPKINDEX.2c4ac24e.tar.gz\n${files.join('\n')}\n`;
}

/** The executor answering the apk operations' commands on the scripted hosts, and host access over it. */
export function scriptedApkFleet(hosts: readonly ScriptedApkHost[]) {
  const byName = new Map(hosts.map((host) => [host.name, host]));
  const hostOf = (target: RemoteTarget) => {
    const host = byName.get(target.name);
    if (!host) throw new Error(`no scripted Alpine host ${target.name}`);
    return host;
  };
  const executor: RemoteExecutor = {
    async run(target: RemoteTarget, command: string, options: RemoteRunOptions): Promise<RemoteOutput> {
      const host = hostOf(target);
      host.commands.push(command);
      let output: RemoteOutput = { stdout: '', stderr: '', exitCode: 0 };
      if (command === APK_STATE_COMMAND) output = { stdout: state(host), stderr: '', exitCode: 0 };
      else if (command === APK_REBOOT_PROBE) output = { stdout: `@@pd-reboot@@ kernel-release\n${host.kernel.running}\n@@pd-reboot@@ kernels\n${host.kernel.modules.map((release) => `modules ${release}`).join('\n')}\n@@pd-reboot@@ reboot-files\n`, stderr: '', exitCode: 0 };
      else if (command === 'cat /proc/sys/kernel/random/boot_id') output = { stdout: `${host.bootId}\n`, stderr: '', exitCode: 0 };
      else if (command === APK_LOCK_HOLDER_COMMAND) output = { stdout: host.lockHeld ? `${host.lockHeld.pid} ${host.lockHeld.process}\n` : '', stderr: '', exitCode: 0 };
      else if (command === 'true') output = { stdout: '', stderr: '', exitCode: 0 };
      else if (command === REBOOT_COMMAND) {
        host.bootId = randomUUID();
        host.kernel.running = [...host.kernel.modules].sort().at(-1) ?? host.kernel.running;
      } else if (command === APK_HEALTH_COMMAND) {
        const broken = [...host.breaksHealth].filter((pkg) => host.installed.get(pkg)?.version !== host.initial.get(pkg));
        output = broken.length > 0 ? { stdout: '', stderr: `${broken.join(', ')} broke the service`, exitCode: 1 } : { stdout: 'healthy', stderr: '', exitCode: 0 };
      } else if (/ -s upgrade (.+) <\/dev\/null$/.test(command)) output = simulate(host, (/ -s upgrade (.+) <\/dev\/null$/.exec(command)?.[1] ?? '').split(' '));
      else if (/ -s add -u (.+) <\/dev\/null$/.test(command)) output = simulate(host, (/ -s add -u (.+) <\/dev\/null$/.exec(command)?.[1] ?? '').split(' '));
      else if (command.startsWith("trap '' HUP PIPE\npd_world()")) output = pinnedAdd(host, command);
      else if (/ fix <\/dev\/null$/.test(command)) output = fix(host);
      else if (/ policy (.+) 2>\/dev\/null/.test(command)) output = { stdout: policy(host, (/ policy (.+?) 2>\/dev\/null/.exec(command)?.[1] ?? '').split(' ')), stderr: '', exitCode: 0 };
      else throw new Error(`the scripted Alpine host ${host.name} does not know: ${command.slice(0, 120)}`);
      const expected = options.expectedExitCodes ?? [0];
      if (!expected.includes(output.exitCode)) throw new RemoteError('nonzero_exit', host.name, `exited ${output.exitCode}`, output);
      return output;
    },
    async close() {},
  };
  const context = (name: string): OperationContext => ({ executor, target: { protocol: 'ssh', name, ssh: { host: name, port: 22, username: 'root', auth: { kind: 'password', password: 'x' }, connectTimeoutMs: 1, commandTimeoutMs: 1 } }, sudo: false });
  const access: HostAccess = {
    open(asset) {
      return byName.has(asset.hostname) ? { ok: true, context: context(asset.hostname) } : { ok: false, reason: `no scripted Alpine host ${asset.hostname}` };
    },
    async collect(asset) {
      const host = byName.get(asset.hostname);
      if (!host) return { ok: false, message: `${asset.hostname} does not answer` };
      return { ok: true, installed: new Map([...host.installed].map(([name, item]) => [name, item.version])), at: new Date(0).toISOString() };
    },
  };
  return { executor, access, context, host: (name: string) => byName.get(name) };
}
