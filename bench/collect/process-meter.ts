/**
 * Runs one tool under measurement: wall time, CPU (via /usr/bin/time, which counts every waited-for
 * descendant), and the peak memory of its whole process tree, sampled from /proc.
 *
 * The tree is found by an environment tag rather than by parent pids: OpenSSH's ControlPersist
 * masters (which Ansible starts) detach and are re-parented to init, but keep the environment.
 * Processes still alive when the tool exits (those masters) are measured one last time and
 * stopped, so nothing outlives a run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TAG_NAME = 'PDBENCH_COLLECT_RUN';
const PAGE_KB = 4;
const CLOCK_TICKS = 100;

export interface MeasuredRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Largest sum of RSS over the tagged processes at one sample (shared pages counted once per process). */
  peakTreeRssKb: number;
  /** Largest sum of PSS (shared pages split between sharers) at one sample; closer to real use for forked workers. */
  peakTreePssKb: number;
  peakProcesses: number;
  /** user + system CPU of the tool and every descendant it waited for, plus detached leftovers. */
  cpuMs: number;
  /** Largest RSS of any single process, as /usr/bin/time reports it. */
  maxSingleRssKb: number;
  /** Detached processes still running when the tool exited (stopped by the meter). */
  leftovers: number;
  /** Busy CPU of the whole machine while the tool ran: the tool, the lab's sshd and the commands they ran, and anything else running. */
  machineCpuMs: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  sampleMs?: number;
  /** The meter's own temp dir (for /usr/bin/time's report). */
  scratchDir: string;
  onSpawn?: (child: ChildProcess, tag: string) => void;
}

/** Reads a whole /proc file, or undefined when the process is gone. */
function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function statFields(pid: number): string[] | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of one live process, in ms. */
export function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Busy (non-idle, non-iowait) CPU time of the whole machine since boot, in ms, from /proc/stat. */
export function machineBusyCpuMs(): number {
  const line = (readProc('/proc/stat') ?? '').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const busy = (ticks[0] ?? 0) + (ticks[1] ?? 0) + (ticks[2] ?? 0) + (ticks[5] ?? 0) + (ticks[6] ?? 0) + (ticks[7] ?? 0);
  return (busy * 1000) / CLOCK_TICKS;
}

/** Every live process carrying `tag` in its environment; `verdicts` caches pids already checked. */
function taggedPids(tag: string, verdicts: Map<number, boolean>): number[] {
  const needle = `${TAG_NAME}=${tag}\0`;
  const found: number[] = [];
  const alive = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    alive.add(pid);
    let tagged = verdicts.get(pid);
    if (tagged === undefined) {
      const environ = readProc(`/proc/${pid}/environ`);
      if (environ === undefined) continue;
      // A process that has just forked but not yet exec'd has its parent's environment; recheck next time if empty.
      if (environ === '') continue;
      tagged = environ.includes(needle) || environ.startsWith(needle.slice(0, -1));
      verdicts.set(pid, tagged);
    }
    if (tagged) found.push(pid);
  }
  for (const pid of verdicts.keys()) if (!alive.has(pid)) verdicts.delete(pid);
  return found;
}

function rssKb(pid: number): number {
  const statm = readProc(`/proc/${pid}/statm`);
  return statm === undefined ? 0 : Number(statm.split(' ')[1] ?? 0) * PAGE_KB;
}

function pssKb(pid: number): number {
  const rollup = readProc(`/proc/${pid}/smaps_rollup`);
  const match = rollup === undefined ? null : /^Pss:\s+(\d+) kB/m.exec(rollup);
  return match ? Number(match[1]) : 0;
}

/** Runs `file args` in its own process group under /usr/bin/time, sampling its tree until it exits. */
export async function runMeasured(file: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  const tag = randomUUID();
  const timeReport = join(options.scratchDir, `time-${tag}.txt`);
  const child = spawn('/usr/bin/time', ['-o', timeReport, '-f', '%U %S %M', file, ...args], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), [TAG_NAME]: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  options.onSpawn?.(child, tag);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  const started = performance.now();
  const machineBefore = machineBusyCpuMs();
  const verdicts = new Map<number, boolean>();
  let peakRss = 0;
  let peakPss = 0;
  let peakProcesses = 0;
  const sample = () => {
    // The /usr/bin/time wrapper itself is not part of the tool.
    const pids = taggedPids(tag, verdicts).filter((pid) => pid !== child.pid);
    let rss = 0;
    let pss = 0;
    for (const pid of pids) {
      rss += rssKb(pid);
      pss += pssKb(pid);
    }
    peakRss = Math.max(peakRss, rss);
    peakPss = Math.max(peakPss, pss);
    peakProcesses = Math.max(peakProcesses, pids.length);
  };
  const timer = setInterval(sample, options.sampleMs ?? 200);
  const killer = setTimeout(() => {
    stderr.push(Buffer.from(`\n[benchmark] killed after ${options.timeoutMs} ms\n`));
    killTag(tag, verdicts, 'SIGKILL');
  }, options.timeoutMs);

  const exitCode = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      stderr.push(Buffer.from(String(error)));
      resolve(null);
    });
    child.once('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  const machineCpuMs = machineBusyCpuMs() - machineBefore;
  clearInterval(timer);
  clearTimeout(killer);

  // Detached leftovers (ControlPersist masters): count their CPU, then stop them.
  const leftovers = taggedPids(tag, new Map());
  const leftoverCpuMs = leftovers.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  killTag(tag, new Map(), 'SIGTERM');
  await waitGone(tag, 3000);
  killTag(tag, new Map(), 'SIGKILL');

  let cpuMs = leftoverCpuMs;
  let maxSingleRssKb = 0;
  const report = existsSync(timeReport) ? readFileSync(timeReport, 'utf8').trim().split('\n').at(-1) ?? '' : '';
  rmSync(timeReport, { force: true });
  const match = /^([\d.]+) ([\d.]+) (\d+)$/.exec(report);
  if (match) {
    cpuMs += (Number(match[1]) + Number(match[2])) * 1000;
    maxSingleRssKb = Number(match[3]);
  }
  return {
    exitCode: match ? exitCode : exitCode ?? null,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    wallMs,
    peakTreeRssKb: peakRss,
    peakTreePssKb: peakPss,
    peakProcesses,
    cpuMs,
    maxSingleRssKb,
    leftovers: leftovers.length,
    machineCpuMs,
  };
}

/** Signals every process carrying the tag (used for clean-up and on interrupt). */
export function killTag(tag: string, verdicts: Map<number, boolean> = new Map(), signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of taggedPids(tag, verdicts)) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

async function waitGone(tag: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && taggedPids(tag, new Map()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
