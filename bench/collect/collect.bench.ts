/**
 * Collection benchmark: Patchdesk's agentless SSH collection against Debian's Ansible doing the
 * equivalent work, side by side, on the same 100 real sshd endpoints on 127.x loopback addresses.
 * Both tools run at concurrency 25. Prints a table, writes JSON to bench/results/, and states
 * PASS/MISS against the targets (>= 5x faster than Ansible, < 300 MB, no endpoint missed).
 *
 * Run (root: the SSH lab creates users and starts sshd):
 *   node --import tsx bench/collect/collect.bench.ts [--hosts 100] [--concurrency 25]
 *        [--ansible-work equivalent|minimal] [--ansible-first] [--skip-ansible] [--host-work real|recorded]
 *
 * --host-work recorded puts a stand-in `apt-get` first on every session's PATH (sshd SetEnv) that
 * prints the simulation recorded once from the real apt-get, for both tools alike: the endpoints
 * then no longer spend ~3 s of the shared cores on apt's resolver per host, so the run measures
 * what the tools themselves cost, as on a fleet where every host has its own CPU. The default
 * (real) runs the real apt-get on every endpoint.
 * Needs: openssh-server, sudo, and `apt-get install -y ansible` (Debian's package).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSshLab, type SshLab } from '../../electron/test-support/ssh-lab/index';
import { ansibleEnv, countAptActions, parseAnsibleJson, writeAnsibleFiles, type AnsibleHostOutcome, type AnsibleWork, type Endpoint } from './ansible-side';
import type { PatchdeskRunReport } from './patchdesk-collect.script';
import { killTag, runMeasured, type MeasuredRun } from './process-meter';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TARGET_SPEEDUP = 5;
const TARGET_MEMORY_MB = 300;

const { values: flags } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '25' },
    'ansible-work': { type: 'string', default: 'equivalent' },
    'ansible-first': { type: 'boolean', default: false },
    'skip-ansible': { type: 'boolean', default: false },
    'host-work': { type: 'string', default: 'real' },
  },
});
const hostWork = flags['host-work'];
if (hostWork !== 'real' && hostWork !== 'recorded') throw new Error('--host-work must be real or recorded');
const hostCount = Number(flags.hosts);
const concurrency = Number(flags.concurrency);
const ansibleWork = flags['ansible-work'] as AnsibleWork;
if (!Number.isInteger(hostCount) || hostCount < 1 || hostCount > 250) throw new Error('--hosts must be 1..250');
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 200) throw new Error('--concurrency must be 1..200');
if (ansibleWork !== 'equivalent' && ansibleWork !== 'minimal') throw new Error('--ansible-work must be equivalent or minimal');

interface ToolResult {
  tool: string;
  run: Omit<MeasuredRun, 'stdout' | 'stderr'>;
  /** The figure compared: Patchdesk's collect:start..status:fleet, or the whole ansible-playbook command. */
  wallMs: number;
  /** Memory figure compared against the target. */
  peakMemoryKb: number;
  /** Approximate host-side CPU for this tool: machine busy CPU during the run minus the tool's own. */
  remoteCpuMs: number;
  hostsOk: number;
  hostsMissed: number;
  failures: string[];
  extra: Record<string, unknown>;
}

// State the interrupt handler must clean up.
const activeTags = new Set<string>();
let lab: SshLab | undefined;
let scratch: string | undefined;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const tag of activeTags) killTag(tag);
    activeTags.clear();
    try {
      await lab?.stop();
    } catch (error) {
      console.error('stopping the SSH lab failed:', (error as Error).message);
    }
    lab = undefined;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping tools and sshd, removing temp files...`);
    void cleanup().finally(() => process.exit(130));
  });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = { LC_ALL: 'C' }): string {
  const result = spawnSync(file, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Runs a tool; the remote side's CPU (sshd, the shell, apt-get, Ansible's Python modules) is the
 * machine's busy CPU during the run minus the tool's own, so it includes any unrelated load.
 */
async function measured(file: string, args: string[], options: Parameters<typeof runMeasured>[2]): Promise<{ run: MeasuredRun; remoteCpuMs: number }> {
  const result = await runMeasured(file, args, {
    ...options,
    onSpawn: (child, tag) => {
      activeTags.add(tag);
      child.once('close', () => setTimeout(() => activeTags.delete(tag), 5000).unref());
    },
  });
  return { run: result, remoteCpuMs: Math.max(0, result.machineCpuMs - result.cpuMs) };
}

function strip(run: MeasuredRun): ToolResult['run'] {
  const { stdout: _stdout, stderr: _stderr, ...rest } = run;
  return rest;
}

async function runPatchdesk(dir: string, endpoints: readonly Endpoint[], expectedPending: number): Promise<ToolResult> {
  const dataDir = join(dir, 'patchdesk-data');
  mkdirSync(dataDir);
  const configPath = join(dir, 'patchdesk-config.json');
  const { clientKey, users } = lab as SshLab;
  writeFileSync(configPath, JSON.stringify({ dataDir, endpoints: endpoints.map(({ name, host, port }) => ({ name, host, port })), username: users.key.username, privateKey: clientKey.privateKey, concurrency }), { mode: 0o600 });
  const { run, remoteCpuMs: remote } = await measured(process.execPath, ['--import', 'tsx', join(here, 'patchdesk-collect.script.ts'), configPath], {
    cwd: root,
    timeoutMs: 10 * 60_000,
    scratchDir: dir,
  });
  if (run.exitCode !== 0) throw new Error(`the Patchdesk run exited with ${run.exitCode}: ${run.stderr.slice(-3000)}`);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as PatchdeskRunReport;
  const byName = new Map(report.hosts.map((host) => [host.hostname, host]));
  const failures: string[] = [];
  let ok = 0;
  for (const endpoint of endpoints) {
    const host = byName.get(endpoint.name);
    if (!host) failures.push(`${endpoint.name}: absent from status:fleet`);
    else if (host.lastError) failures.push(`${endpoint.name}: ${host.lastError}`);
    else if (host.osName === '') failures.push(`${endpoint.name}: no OS name`);
    else if (host.pendingCount !== expectedPending) failures.push(`${endpoint.name}: ${host.pendingCount} pending, expected ${expectedPending}`);
    else ok++;
  }
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const pick = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return { count: sorted.length, p50: pick(0.5), p90: pick(0.9), max: Math.round(sorted.at(-1) ?? 0), sum: Math.round(sorted.reduce((a, b) => a + b, 0)) };
  };
  return {
    tool: 'Patchdesk',
    run: strip(run),
    wallMs: report.collectMs,
    peakMemoryKb: Math.max(report.vmHwmKb, run.peakTreeRssKb),
    remoteCpuMs: remote,
    hostsOk: ok,
    hostsMissed: endpoints.length - ok,
    failures,
    extra: {
      setupMs: Math.round(report.setupMs),
      collectMs: Math.round(report.collectMs),
      processWallMs: Math.round(run.wallMs),
      vmHwmKb: report.vmHwmKb,
      selfCpuMs: Math.round(report.cpu.userMs + report.cpu.systemMs),
      summary: report.summary,
      osNames: [...new Set(report.hosts.map((host) => `${host.osName} ${host.osVersion}`))],
      phaseMs: { connect: stats(report.phases.connectMs), runAndStore: stats(report.phases.runMs), queued: stats(report.phases.queuedToStartMs) },
    },
  };
}

async function runAnsible(dir: string, endpoints: readonly Endpoint[], expectedPending: number): Promise<ToolResult> {
  const ansibleDir = join(dir, 'ansible');
  mkdirSync(join(ansibleDir, 'cp'), { recursive: true });
  mkdirSync(join(ansibleDir, 'local-tmp'));
  const { clientKey, users } = lab as SshLab;
  const files = writeAnsibleFiles(ansibleDir, endpoints, users.key.username, clientKey.privateKeyPath, ansibleWork);
  const args = ['-i', files.inventory, '-f', String(concurrency), files.playbook];
  const { run, remoteCpuMs: remote } = await measured('/usr/bin/ansible-playbook', args, {
    cwd: ansibleDir,
    env: ansibleEnv(ansibleDir, files.knownHosts),
    timeoutMs: 15 * 60_000,
    scratchDir: dir,
  });
  const outcomes: AnsibleHostOutcome[] = parseAnsibleJson(run.stdout, endpoints);
  const failures: string[] = [];
  let ok = 0;
  for (const outcome of outcomes) {
    if (!outcome.ok) failures.push(`${outcome.name}: ${outcome.error}`);
    else if (outcome.pendingCount !== expectedPending) failures.push(`${outcome.name}: ${outcome.pendingCount} pending, expected ${expectedPending}`);
    else ok++;
  }
  if (failures.length > 0 && run.stderr.trim() !== '') failures.push(`stderr: ${run.stderr.trim().slice(-1500)}`);
  return {
    tool: `Ansible (${ansibleWork})`,
    run: strip(run),
    wallMs: run.wallMs,
    peakMemoryKb: run.peakTreePssKb,
    remoteCpuMs: remote,
    hostsOk: ok,
    hostsMissed: endpoints.length - ok,
    failures,
    extra: {
      exitCode: run.exitCode,
      command: `ansible-playbook ${args.join(' ')}`,
      distributions: [...new Set(outcomes.map((outcome) => `${outcome.distribution} ${outcome.distributionVersion}`))],
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('The collection benchmark needs root: the SSH lab creates users and starts sshd.');
    process.exit(1);
  }
  if (!flags['skip-ansible'] && spawnSync('/usr/bin/ansible-playbook', ['--version']).status !== 0) {
    console.error('ansible-playbook not found: apt-get install -y ansible');
    process.exit(1);
  }
  const ansibleVersion = flags['skip-ansible'] ? '' : (run('/usr/bin/ansible', ['--version'], { LC_ALL: 'C.UTF-8' }).split('\n')[0] ?? '').trim();
  const debianAnsible = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'ansible'], { encoding: 'utf8' }).stdout.trim();
  const sshVersion = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim();

  // The expected answer: every endpoint serves this machine, so each must report this many updates.
  const simulation = run('apt-get', ['-s', '-qq', '-o', 'Debug::NoLocking=true', 'dist-upgrade']);
  const expectedPending = countAptActions(simulation);
  scratch = mkdtempSync(join(tmpdir(), 'pdbench-collect-'));
  const stubPath = hostWork === 'recorded' ? writeAptStandIn(scratch, simulation) : undefined;

  // What the commands Patchdesk's collector runs cost on one host; every endpoint shares these cores.
  const probe = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sh', '-c', "LC_ALL=C apt-get -s -qq -o Debug::NoLocking=true dist-upgrade >/dev/null; dpkg-query -W -f '${binary:Package}\\t${Version}\\n' >/dev/null"], { encoding: 'utf8', env: { ...process.env, ...(stubPath ? { PATH: stubPath } : {}) } });
  const [probeUser, probeSystem] = (probe.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  const perHostCpuMs = ((probeUser ?? 0) + (probeSystem ?? 0)) * 1000;
  const floorMs = (perHostCpuMs * hostCount) / cpus().length;

  console.log(`Starting ${hostCount} sshd endpoints on 127.x loopback addresses${stubPath ? ', apt-get replaced by the recorded simulation' : ''}...`);
  lab = await startSshLab({ servers: hostCount, sharedHostKey: true, passwordAuthentication: false, ...(stubPath ? { sessionEnv: { PATH: stubPath } } : {}) });
  const endpoints: Endpoint[] = lab.servers.map((server) => ({ name: server.name, host: server.host, port: server.port, hostPublicKey: server.hostKey.publicKey }));
  for (const endpoint of endpoints) if (!endpoint.host.startsWith('127.')) throw new Error(`refusing non-loopback endpoint ${endpoint.host}`);
  console.log(`Expected on every host: ${expectedPending} pending updates (local apt-get -s dist-upgrade).`);
  console.log(`The host-side commands cost ${seconds(perHostCpuMs)} CPU per host here; all ${hostCount} endpoints share ${cpus().length} cores, so no tool can finish in under ~${seconds(floorMs)}.`);

  const results: ToolResult[] = [];
  const order = flags['ansible-first'] ? ['ansible', 'patchdesk'] : ['patchdesk', 'ansible'];
  for (const tool of order) {
    if (tool === 'ansible' && flags['skip-ansible']) continue;
    console.log(`Running ${tool} (concurrency ${concurrency})...`);
    const result = tool === 'patchdesk' ? await runPatchdesk(scratch, endpoints, expectedPending) : await runAnsible(scratch, endpoints, expectedPending);
    console.log(`  ${result.tool}: ${seconds(result.wallMs)}, ${result.hostsOk}/${endpoints.length} OK`);
    results.push(result);
  }
  const patchdesk = results.find((result) => result.tool === 'Patchdesk') as ToolResult;
  const ansible = results.find((result) => result.tool.startsWith('Ansible'));

  console.log('');
  printTable([
    ['tool', 'wall time', 'peak memory', 'client CPU', 'remote CPU (approx.)', 'hosts OK', 'hosts missed'],
    ...results.map((result) => [
      result.tool,
      seconds(result.wallMs),
      result.tool === 'Patchdesk' ? `${mb(result.peakMemoryKb)} (RSS)` : `${mb(result.peakMemoryKb)} (PSS; RSS sum ${mb(result.run.peakTreeRssKb)}, ${result.run.peakProcesses} procs)`,
      seconds(result.run.cpuMs),
      seconds(result.remoteCpuMs),
      String(result.hostsOk),
      String(result.hostsMissed),
    ]),
  ]);
  const pdExtra = patchdesk.extra as { processWallMs: number; setupMs: number; phaseMs: Record<string, { p50: number; p90: number; max: number; sum: number }> };
  console.log(`\nPatchdesk wall = collect:start .. status:fleet read back; the whole child process took ${seconds(pdExtra.processWallMs)} (incl. ${seconds(pdExtra.setupMs)} creating site, vault, ${hostCount} assets, credential).`);
  console.log(`Patchdesk per-host phases (ms, p50/p90/max): connect ${pdExtra.phaseMs['connect']?.p50}/${pdExtra.phaseMs['connect']?.p90}/${pdExtra.phaseMs['connect']?.max}, run+parse+store ${pdExtra.phaseMs['runAndStore']?.p50}/${pdExtra.phaseMs['runAndStore']?.p90}/${pdExtra.phaseMs['runAndStore']?.max}`);
  const speedup = ansible ? ansible.wallMs / patchdesk.wallMs : undefined;
  const endToEnd = ansible ? ansible.wallMs / pdExtra.processWallMs : undefined;
  const verdicts = {
    speedup: speedup !== undefined && speedup >= TARGET_SPEEDUP,
    memory: patchdesk.peakMemoryKb / 1024 < TARGET_MEMORY_MB,
    noneMissed: patchdesk.hostsMissed === 0,
  };
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  if (ansible && speedup !== undefined && endToEnd !== undefined) {
    console.log(`\nSpeed-up: ${speedup.toFixed(2)}x (Ansible ${seconds(ansible.wallMs)} / Patchdesk ${seconds(patchdesk.wallMs)}); end to end incl. Node start and setup: ${endToEnd.toFixed(2)}x`);
    console.log(`Client CPU: Patchdesk ${seconds(patchdesk.run.cpuMs)}, Ansible ${seconds(ansible.run.cpuMs)} (${(ansible.run.cpuMs / patchdesk.run.cpuMs).toFixed(1)}x); remote CPU (sshd + commands on the same ${cpus().length} cores): Patchdesk ${seconds(patchdesk.remoteCpuMs)}, Ansible ${seconds(ansible.remoteCpuMs)}`);
  }
  console.log(`\n${mark(verdicts.speedup)}  >= ${TARGET_SPEEDUP}x faster than Ansible${speedup === undefined ? ' (not measured)' : `: ${speedup.toFixed(2)}x`}`);
  console.log(`${mark(verdicts.memory)}  Patchdesk peak memory < ${TARGET_MEMORY_MB} MB: ${mb(patchdesk.peakMemoryKb)}`);
  console.log(`${mark(verdicts.noneMissed)}  no endpoint missed: ${patchdesk.hostsMissed} missed`);
  for (const result of results) if (result.failures.length > 0) console.log(`\n${result.tool} failures (first 10):\n  ${result.failures.slice(0, 10).join('\n  ')}`);

  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `collect-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cores: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, ansible: ansibleVersion, debianAnsiblePackage: debianAnsible, openssh: sshVersion },
        hosts: hostCount,
        concurrency,
        ansibleWork,
        hostWork,
        order,
        expectedPending,
        hostSideCpuPerHostMs: perHostCpuMs,
        hostSideFloorMs: floorMs,
        results,
        speedup,
        endToEndSpeedup: endToEnd,
        verdicts,
      },
      null,
      2,
    ),
  );
  console.log(`\nJSON: ${file}`);
}

/**
 * Writes the stand-in `apt-get` (world-readable: the lab users run it) and returns the PATH that
 * puts it first. Only the simulation (`-s`) is answered from the recording; anything else is the
 * real apt-get.
 */
function writeAptStandIn(dir: string, simulation: string): string {
  const bin = join(dir, 'stand-in-bin');
  mkdirSync(bin, { recursive: true });
  chmodSync(dir, 0o755);
  const recording = join(bin, 'apt-get-simulation.txt');
  writeFileSync(recording, simulation, { mode: 0o644 });
  writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\n# Benchmark stand-in: answers the simulation from a recording of the real apt-get.\ncase " $* " in *" -s "*) exec cat ${recording} ;; esac\nexec /usr/bin/apt-get "$@"\n`, { mode: 0o755 });
  return `${bin}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => cleanup());
