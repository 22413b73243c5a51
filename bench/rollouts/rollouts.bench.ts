/**
 * Rollout of one update (lab-hello 1.0 → 1.1) to the package lab's hosts in three rings (3, 9, 18
 * for 30 hosts) at 6 hosts at a time, by Patchdesk's bundled CLI (`rollout plan`, `approve`,
 * `start --wait` on a fresh data folder), once alone (the CLI owns the folder) and once with the app
 * open (the browser host owns the folder and does the work; the commands forward to it), and by Debian's `ansible-playbook` (`serial: [3, 9, 18]`,
 * `-f 6`, the apt module, `max_fail_percentage: 0` as Patchdesk's `--max-failures 0`), in one run,
 * each run starting from lab-hello 1.0 on every host. Prints wall time, client CPU and peak memory
 * of each tool's process tree, and the time no host's package manager was running (the tool's
 * overhead). As root: `sudo node --import tsx bench/rollouts/rollouts.bench.ts [--hosts 30] [--runs 1]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Asset } from '../../shared/contract/assets';
import type { Credential } from '../../shared/contract/credentials';
import type { Site } from '../../shared/contract/sites';
import { openAppCore } from '../../electron/core/app-core';
import { labLayout, type LabLayout } from '../../electron/test-support/package-lab/lab-layout';
import type { LabHost } from '../../electron/test-support/package-lab/lab-host';
import { downPackageLab, upPackageLab } from '../../electron/test-support/package-lab/package-lab';
import { call } from '../../electron/test-support/test-core';
import { ansibleEnv } from '../collect/ansible-side';
import { processCpuMs, runMeasured, type MeasuredRun } from '../collect/process-meter';
import { installedVersions, labHostCpuMs, prepareHosts, readPmLogs, resetHosts, unionSeconds, type Interval } from './host-prep';
import { buildCliBundle, cliBundleIsFresh } from '../../scripts/cli-bundle.mjs';
import { startHostProcess } from '../../e2e/support/host-process';

const repo = join(import.meta.dirname, '..', '..');
const PACKAGE = 'lab-hello';
const FROM = '1.0';
const TO = '1.1';
const CONCURRENCY = 6;
const PASSPHRASE = 'rollout benchmark vault passphrase';
// Its own addresses and state folder, so it never meets the default lab or a test's lab.
const ADDRESS_PREFIX = '127.88.230';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** Ring sizes 1/10, 3/10, the rest (3, 9, 18 for 30 hosts). */
function ringsOf<T>(items: readonly T[]): T[][] {
  const first = Math.max(1, Math.round(items.length / 10));
  const second = Math.max(1, Math.round((items.length * 3) / 10));
  return [items.slice(0, first), items.slice(first, first + second), items.slice(first + second)].filter((ring) => ring.length > 0);
}

/** A fresh data folder: a site, the hosts as assets with the lab key, one collection (pins the host keys). */
async function seedDataFolder(dataDir: string, hosts: readonly LabHost[]): Promise<void> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench-admin' });
  try {
    const site = await call<Site>(core, 'sites:create', { name: 'Lab', timezone: 'UTC' });
    for (const host of hosts) await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: host.name, addresses: [host.address], deviceType: 'server', osFamily: 'linux', access: { method: 'ssh', port: host.port, username: 'root' } } });
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const key = readFileSync(hosts[0]?.keyFile ?? '', 'utf8');
    const credential = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Lab root', kind: 'ssh', username: 'root', secrets: { authMethod: 'key', privateKey: key } });
    const assets = await call<Asset[]>(core, 'assets:list', { siteId: site.id });
    await call(core, 'credentials:bind', { credentialId: credential.id, assetIds: assets.map((asset) => asset.id) });
    const started = await call<{ jobId: string }>(core, 'collect:start', { siteId: site.id, concurrency: 25 });
    const collected = await core.services.collections.wait(started.jobId);
    if (collected.hostsOk !== hosts.length) throw new Error(`seeding: collected ${collected.hostsOk} of ${hosts.length} hosts`);
  } finally {
    await core.close();
  }
}

/** A running owner of the data folder (the browser host, as when the app is open), and how to read its cost. */
interface RunningOwner {
  pid: number;
  /** Its peak RSS since it started (VmHWM), in kB. */
  peakRssKb(): number;
  stop(): Promise<void>;
}

/**
 * Starts the browser host over `dataDir` (untimed, as an app already open), the way the end-to-end
 * tests start it, and resolves once it serves: CLI commands started after that forward their calls
 * to it over the folder's socket.
 */
async function startOwner(dataDir: string): Promise<RunningOwner> {
  const host = await startHostProcess(dataDir);
  const pid = host.child.pid ?? 0;
  return { pid, peakRssKb: () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0), stop: () => host.stop() };
}

function writeAnsible(dir: string, hosts: readonly LabHost[], rings: number[]): { inventory: string; playbook: string; knownHosts: string } {
  const inventory = join(dir, 'inventory.yml');
  const playbook = join(dir, 'rollout.yml');
  const knownHosts = join(dir, 'known_hosts');
  const entries: Record<string, Record<string, string | number>> = {};
  for (const host of hosts) entries[host.name] = { ansible_host: host.address, ansible_port: host.port, ansible_user: 'root', ansible_ssh_private_key_file: host.keyFile };
  writeFileSync(inventory, JSON.stringify({ all: { hosts: entries, vars: { ansible_python_interpreter: '/usr/bin/python3' } } }, null, 1));
  writeFileSync(join(dir, 'no-ansible.cfg'), '[defaults]\n');
  writeFileSync(knownHosts, hosts.map((host) => `${host.port === 22 ? host.address : `[${host.address}]:${host.port}`} ${readFileSync(join(host.dir, 'root/etc/ssh/ssh_host_ed25519_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ')}`).join('\n') + '\n');
  writeFileSync(
    playbook,
    [
      `- name: Roll out ${PACKAGE} ${TO}`,
      '  hosts: all',
      '  gather_facts: false',
      `  serial: [${rings.join(', ')}]`,
      '  max_fail_percentage: 0',
      '  tasks:',
      `    - name: Install ${PACKAGE} ${TO}`,
      '      ansible.builtin.apt:',
      `        name: ${PACKAGE}=${TO}`,
      '        state: present',
      '',
    ].join('\n'),
  );
  return { inventory, playbook, knownHosts };
}

interface Result {
  tool: string;
  run: MeasuredRun;
  upgraded: number;
  pmUnionS: number;
  installUnionS: number;
  dpkgUnionS: number;
  aptCalls: number;
  load: number;
  /** CPU the lab hosts used while the tool ran (their sshd and everything it started). */
  hostCpuMs: number;
}

function measureHosts(tool: string, run: MeasuredRun, hosts: readonly LabHost[], load: number, hostCpuMs: number): Result {
  const logs = readPmLogs(hosts);
  const all: Interval[] = logs.flatMap((log) => log.apt);
  const installs: Interval[] = logs.flatMap((log) => log.apt.filter((call) => / install /.test(` ${call.args} `) && !/(^| )-s( |$)|--simulate|--dry-run/.test(call.args)));
  const dpkg: Interval[] = logs.flatMap((log) => log.dpkg);
  const versions = installedVersions(hosts, PACKAGE);
  return { tool, run, upgraded: versions.filter((version) => version === TO).length, pmUnionS: unionSeconds(all), installUnionS: unionSeconds(installs), dpkgUnionS: unionSeconds(dpkg), aptCalls: all.length, load, hostCpuMs };
}

/**
 * Where Patchdesk's time went, from the rollout's own records: each ring's span, and per host step
 * (connect, preflight, install, verify, ...) the mean and longest time from its start to its end.
 */
async function stepProfile(dataDir: string, startedMs: number, endedMs: number): Promise<string> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench-admin' });
  try {
    const detail = core.services.rollouts.get(1);
    // The timeline from the first CLI process's start: plan stored, preview done, approved, started, rings, end.
    const at = (iso: string | null) => (iso === null ? '?' : `${fmt((Date.parse(iso) - startedMs) / 1000, 2)} s`);
    const firstRing = detail.rings[0]?.startedAt ?? null;
    const lastRing = detail.rings.at(-1)?.endedAt ?? null;
    const lines = [`  timeline from the first process start: plan stored ${at(detail.createdAt)}, previewed ${at(detail.previewedAt)}, approved ${at(detail.approvedAt)}, started ${at(detail.startedAt)}, first ring ${at(firstRing)}, last ring ended ${at(lastRing)}, rollout finished ${at(detail.finishedAt)}, last process ended ${fmt((endedMs - startedMs) / 1000, 2)} s`];
    lines.push(...detail.rings.map((ring) => `  ring ${ring.name}: ${ring.startedAt ?? '?'} → ${ring.endedAt ?? '?'} (${ring.startedAt && ring.endedAt ? fmt((Date.parse(ring.endedAt) - Date.parse(ring.startedAt)) / 1000) : '?'} s)`));
    const steps = new Map<string, number[]>();
    for (const host of detail.hosts) {
      const open = new Map<string, number>();
      for (const event of host.events) {
        if (event.outcome === 'started') open.set(event.step, Date.parse(event.at));
        else if ((event.outcome === 'ok' || event.outcome === 'failed') && open.has(event.step)) {
          steps.set(event.step, [...(steps.get(event.step) ?? []), Date.parse(event.at) - (open.get(event.step) ?? 0)]);
          open.delete(event.step);
        }
      }
    }
    for (const [step, times] of steps) lines.push(`  step ${step.padEnd(10)} ${times.length} hosts, mean ${fmt(times.reduce((a, b) => a + b, 0) / times.length / 1000, 2)} s, longest ${fmt(Math.max(...times) / 1000, 2)} s`);
    return lines.join('\n');
  } finally {
    await core.close();
  }
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (the package lab mounts its hosts\' roots)');
  const hostCount = option('--hosts', 30);
  const runs = option('--runs', 1);
  if (!cliBundleIsFresh()) await buildCliBundle();
  const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-bench-rollouts-')) };
  const scratch = mkdtempSync(join(tmpdir(), 'pdbench-rollouts-'));
  const log = (line: string) => console.error(`[bench] ${line}`);
  try {
    log(`lab up: ${hostCount} hosts on ${ADDRESS_PREFIX}.x`);
    const lab = await upPackageLab(layout, { hosts: hostCount, families: ['apt'], addressPrefix: ADDRESS_PREFIX, log });
    const hosts = lab.hosts;
    if (hosts.some((host) => !host.address.startsWith('127.'))) throw new Error('a lab host is not on a loopback address');
    log('preparing hosts (python3-apt for Ansible, package manager log)');
    prepareHosts(hosts);
    const rings = ringsOf(hosts);
    const sizes = rings.map((ring) => ring.length);
    const results: Result[] = [];
    const profiles: string[] = [];
    for (let index = 0; index < runs; index += 1) {
      // Patchdesk twice: the CLI alone (it owns the folder itself), then with the app open (the
      // browser host owns the folder; the same three commands forward to it). Each on a fresh
      // data folder, seeded outside the timed part.
      for (const mode of ['cli', 'app-open'] as const) {
        resetHosts(hosts, FROM);
        const dataDir = mkdtempSync(join(scratch, 'data-'));
        await seedDataFolder(dataDir, hosts);
        resetHosts(hosts, FROM);
        const passphraseFile = join(scratch, 'passphrase');
        writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
        // The product's command: the launcher checks the bundle is fresh, then runs it.
        const cli = `'${process.execPath}' bin/patchdesk.mjs --data-dir '${dataDir}'`;
        const ringArgs = rings.map((ring, at) => `--ring ring${at + 1}=${ring.map((host) => host.name).join(',')}`).join(' ');
        const script = [`${cli} rollout plan --site Lab --name bench --package ${PACKAGE} ${ringArgs} --concurrency ${CONCURRENCY} --max-failures 0 --reboot never >/dev/null`, `${cli} rollout approve 1 >/dev/null`, `${cli} rollout start 1 --wait`].join(' && ');
        // A source changed during the session would make the launcher rebuild inside the timed part.
        if (!cliBundleIsFresh()) await buildCliBundle();
        const owner = mode === 'app-open' ? await startOwner(dataDir) : null;
        const tool = mode === 'cli' ? 'Patchdesk (CLI alone)' : 'Patchdesk (app open)';
        log(`run ${index + 1}: ${tool}`);
        const load = loadavg()[0] ?? 0;
        const hostCpuBefore = labHostCpuMs(hosts);
        const ownerCpuBefore = owner ? processCpuMs(owner.pid) : 0;
        const startedMs = Date.now();
        const patchdesk = await runMeasured('/bin/sh', ['-c', script], { cwd: repo, env: { ...process.env, PATCHDESK_PASSPHRASE_FILE: passphraseFile }, timeoutMs: 1_800_000, scratchDir: scratch });
        const endedMs = Date.now();
        const hostCpu = labHostCpuMs(hosts) - hostCpuBefore;
        if (owner) {
          // The owner did the work: its CPU is the client's, and its peak memory adds to the CLI's.
          const ownerCpuMs = processCpuMs(owner.pid) - ownerCpuBefore;
          const ownerPeakKb = owner.peakRssKb();
          log(`the browser host (owner): ${fmt(ownerCpuMs / 1000, 2)} s CPU during the run, peak RSS ${fmt(ownerPeakKb / 1024, 0)} MB since its start; the CLI processes: ${fmt(patchdesk.cpuMs / 1000, 2)} s, ${fmt(patchdesk.peakTreeRssKb / 1024, 0)} MB`);
          patchdesk.cpuMs += ownerCpuMs;
          patchdesk.peakTreeRssKb += ownerPeakKb;
          patchdesk.peakTreePssKb += ownerPeakKb;
          await owner.stop();
        }
        if (patchdesk.exitCode !== 0) log(`${tool} exit ${patchdesk.exitCode}: ${patchdesk.stderr.slice(-2000)}`);
        results.push(measureHosts(tool, patchdesk, hosts, load, hostCpu));
        profiles.push(`${tool}:\n${await stepProfile(dataDir, startedMs, endedMs)}`);
      }

      resetHosts(hosts, FROM);
      const ansibleDir = mkdtempSync(join(scratch, 'ansible-'));
      mkdirSync(join(ansibleDir, 'cp'));
      const files = writeAnsible(ansibleDir, hosts, sizes);
      log(`run ${index + 1}: Ansible`);
      const load = loadavg()[0] ?? 0;
      const hostCpuBefore = labHostCpuMs(hosts);
      const ansible = await runMeasured('ansible-playbook', ['-i', files.inventory, '-f', String(CONCURRENCY), files.playbook], { cwd: ansibleDir, env: { ...ansibleEnv(ansibleDir, files.knownHosts), ANSIBLE_STDOUT_CALLBACK: 'default' }, timeoutMs: 1_800_000, scratchDir: scratch });
      if (ansible.exitCode !== 0) log(`Ansible exit ${ansible.exitCode}: ${(ansible.stdout + ansible.stderr).slice(-2000)}`);
      results.push(measureHosts('Ansible', ansible, hosts, load, labHostCpuMs(hosts) - hostCpuBefore));
    }
    console.log(`\n${hostCount} hosts, rings ${sizes.join('/')}, ${CONCURRENCY} at a time, ${PACKAGE} ${FROM} → ${TO}; ${new Date().toISOString()}`);
    console.log('tool                   exit  upgraded  wall s  client CPU s  peak RSS MB (PSS)  apt-get busy s  install busy s  dpkg busy s  overhead s  apt calls  load1 at start  host CPU s');
    for (const result of results) {
      const { run } = result;
      const wallS = run.wallMs / 1000;
      console.log(
        [result.tool.padEnd(21), String(run.exitCode).padStart(4), `${result.upgraded}/${hostCount}`.padStart(8), fmt(wallS).padStart(7), fmt(run.cpuMs / 1000).padStart(13), `${fmt(run.peakTreeRssKb / 1024, 0)} (${fmt(run.peakTreePssKb / 1024, 0)})`.padStart(18), fmt(result.pmUnionS).padStart(15), fmt(result.installUnionS).padStart(15), fmt(result.dpkgUnionS).padStart(12), fmt(wallS - result.pmUnionS).padStart(11), String(result.aptCalls).padStart(10), fmt(result.load, 2).padStart(15), fmt(result.hostCpuMs / 1000).padStart(11)].join(' '),
      );
    }
    for (const profile of profiles) console.log(`\nWhere the time went (from the rollout's own host events), ${profile}`);
    const resultsDir = join(repo, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `rollouts-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results.map((result) => ({ ...result, run: { ...result.run, stdout: result.run.stdout.slice(-4000), stderr: result.run.stderr.slice(-4000) } })), null, 1));
    console.log(`\n(JSON: ${file})`);
  } finally {
    await downPackageLab(layout);
    rmSync(layout.stateDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
