/**
 * What the rollout benchmark does on the lab hosts' roots from this machine (as root, through
 * chroot, never over the network and never timed): give the hosts the Python that Ansible's apt
 * module needs, wrap apt-get and hook dpkg so each host logs when its package manager ran, reset
 * lab-hello to 1.0 between runs, and read the logs and versions back.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabHost } from '../../electron/test-support/package-lab/lab-host';

const REAL_APT = '/usr/bin/apt-get.pdbench-real';
/** Where each host logs its package manager's runs: `apt START END ARGS` and `dpkg-pre|dpkg-post TIME`. */
const PM_LOG = '/var/log/pdbench-pm.log';

/** The bench's own cache of the Debian packages python3-apt needs that the machine's apt cache lacks. */
const DEB_CACHE = '/var/cache/patchdesk-lab/bench-python-debs';
const MACHINE_SOURCES = ['debian bookworm', 'debian bookworm-updates', 'debian-security bookworm-security'].map((suite) => `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/${suite} main`).join('\n') + '\n';
/** apt inside a host, reading this machine's package lists (copied in) instead of the host's (the lab repository only). */
const APT_IN_HOST = 'DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends -o Dir::State::Lists=/tmp/pdbench-lists -o Dir::Etc::SourceList=/tmp/pdbench-sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::Cache::Archives=/tmp/pdbench-archives';

const rootOf = (host: LabHost) => join(host.dir, 'root');

function run(file: string, args: readonly string[], what: string): string {
  const result = spawnSync(file, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what}: exit ${result.status}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Runs a shell command inside a host's root. */
export function inHost(host: LabHost, command: string): string {
  return run('chroot', [rootOf(host), '/bin/sh', '-c', command], `${host.name}: ${command}`);
}

/**
 * Installs python3-apt (and the Python it needs) into each host from this machine's own apt lists
 * and package cache (`--no-download`: nothing is fetched), then wraps apt-get and hooks dpkg.
 */
export function prepareHosts(hosts: readonly LabHost[]): void {
  for (const host of hosts) {
    const root = rootOf(host);
    if (!existsSync(join(root, 'usr/bin/python3'))) {
      const lists = join(root, 'tmp/pdbench-lists');
      const archives = join(root, 'tmp/pdbench-archives');
      mkdirSync(join(lists, 'partial'), { recursive: true });
      mkdirSync(join(archives, 'partial'), { recursive: true });
      run('sh', ['-c', `cp /var/lib/apt/lists/*_Packages* /var/lib/apt/lists/*InRelease '${lists}/'`], 'copy apt lists');
      writeFileSync(join(root, 'tmp/pdbench-sources.list'), MACHINE_SOURCES);
      // What the machine's package cache lacks is downloaded once, by the machine's apt, into the bench's own cache.
      const uris = inHost(host, `${APT_IN_HOST} --print-uris -qq install python3-apt </dev/null`);
      const needed = [...uris.matchAll(/^'[^']+' (\S+\.deb) /gm)].map((match) => match[1] ?? '').filter((file) => file !== '');
      mkdirSync(DEB_CACHE, { recursive: true });
      const cached = (file: string) => [join('/var/cache/apt/archives', file), join(DEB_CACHE, file)].find((path) => existsSync(path));
      const lacking = needed.filter((file) => !cached(file)).map((file) => decodeURIComponent(file.split('_')[0] ?? ''));
      if (lacking.length > 0) run('sh', ['-c', `cd '${DEB_CACHE}' && apt-get download ${lacking.join(' ')}`], 'apt-get download');
      for (const file of needed) {
        const path = cached(file);
        if (!path) throw new Error(`${file}: not in the package cache after apt-get download`);
        copyFileSync(path, join(archives, file));
      }
      inHost(host, `${APT_IN_HOST} --no-download install python3-apt </dev/null >/tmp/pdbench-python.log 2>&1 || { tail -n 30 /tmp/pdbench-python.log >&2; exit 1; }; rm -rf /tmp/pdbench-lists /tmp/pdbench-archives /tmp/pdbench-sources.list`);
    }
    if (!existsSync(join(root, REAL_APT.slice(1)))) {
      inHost(host, `mv /usr/bin/apt-get ${REAL_APT}`);
      writeFileSync(
        join(root, 'usr/bin/apt-get'),
        `#!/bin/sh\n# pdbench: logs when apt-get ran (start, end, arguments), then exits as apt-get did.\nstart=$(date +%s.%N)\n${REAL_APT} "$@"\ncode=$?\necho "apt $start $(date +%s.%N) $*" >> ${PM_LOG}\nexit $code\n`,
        { mode: 0o755 },
      );
      writeFileSync(join(root, 'etc/apt/apt.conf.d/00pdbench'), `DPkg::Pre-Invoke { "echo dpkg-pre $(date +%s.%N) >> ${PM_LOG}"; };\nDPkg::Post-Invoke { "echo dpkg-post $(date +%s.%N) >> ${PM_LOG}"; };\n`);
    }
  }
}

/** Puts lab-hello back to 1.0 on every host and empties the package manager log. */
export function resetHosts(hosts: readonly LabHost[], version: string): void {
  for (const host of hosts) {
    inHost(host, `DEBIAN_FRONTEND=noninteractive ${REAL_APT} -q -y --allow-downgrades install lab-hello=${version} </dev/null >/dev/null && rm -f ${PM_LOG} /run/reboot-required /run/reboot-required.pkgs`);
  }
}

/** The installed version of a package on each host. */
export function installedVersions(hosts: readonly LabHost[], name: string): string[] {
  return hosts.map((host) => inHost(host, `dpkg-query -W -f='\${Version}' ${name} 2>/dev/null || true`).trim());
}

/** One interval, in seconds since the epoch. */
export interface Interval {
  start: number;
  end: number;
}

/** The package manager's runs on each host: apt-get invocations (with arguments) and dpkg runs. */
export interface HostPmLog {
  apt: (Interval & { args: string })[];
  dpkg: Interval[];
}

/** Reads every host's package manager log. */
export function readPmLogs(hosts: readonly LabHost[]): HostPmLog[] {
  return hosts.map((host) => {
    const file = join(rootOf(host), PM_LOG.slice(1));
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    const log: HostPmLog = { apt: [], dpkg: [] };
    let dpkgStart: number | null = null;
    for (const line of lines) {
      const [kind, a, b, ...rest] = line.split(' ');
      if (kind === 'apt') log.apt.push({ start: Number(a), end: Number(b), args: rest.join(' ') });
      else if (kind === 'dpkg-pre') dpkgStart = Number(a);
      else if (kind === 'dpkg-post' && dpkgStart !== null) {
        log.dpkg.push({ start: dpkgStart, end: Number(a) });
        dpkgStart = null;
      }
    }
    return log;
  });
}

/** Total length of the union of intervals (time during which at least one ran), in seconds. */
export function unionSeconds(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  let total = 0;
  let current: Interval | null = null;
  for (const interval of sorted) {
    if (current && interval.start <= current.end) current.end = Math.max(current.end, interval.end);
    else {
      if (current) total += current.end - current.start;
      current = { ...interval };
    }
  }
  if (current) total += current.end - current.start;
  return total;
}

const CLOCK_TICKS_PER_SECOND = Number(run('getconf', ['CLK_TCK'], 'getconf CLK_TCK').trim()) || 100;

/**
 * CPU time (user + system, ms) the lab's side has used so far: each host's sshd with every
 * process it started (sessions, shells, apt-get, dpkg, Python), counted once each: a process
 * still running (or not yet reaped) by its own times, one that ended in its parent's reaped
 * children's times. The difference across a tool's run is the host-side work it caused.
 */
export function labHostCpuMs(hosts: readonly LabHost[]): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    ticks.set(pid, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  for (const host of hosts) {
    const pidFile = join(rootOf(host), 'run/sshd.pid');
    const daemon = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
    const stack = Number.isInteger(daemon) && ticks.has(daemon) ? [daemon] : [];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      total += ticks.get(pid) ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
  }
  return (total * 1000) / CLOCK_TICKS_PER_SECOND;
}
