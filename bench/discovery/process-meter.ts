/**
 * Runs a command inside the benchmark namespace and measures its wall time and peak resident
 * memory: with GNU time when installed, else by sampling VmHWM (the kernel's own high-water
 * mark) from /proc until the process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a measured run produced. */
export interface MeasuredRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssKb: number;
}

const GNU_TIME = '/usr/bin/time';

function highWaterMarkKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs `command args` in the namespace (cwd = `cwd`) and measures it; `onSpawn` lets the caller kill it on interrupt. */
export function runMeasured(
  namespace: string,
  command: string,
  args: string[],
  cwd: string,
  onSpawn: (child: ChildProcess) => void = () => {},
): Promise<MeasuredRun> {
  const useGnuTime = existsSync(GNU_TIME);
  const timeFile = join(tmpdir(), `pdbench-time-${process.pid}-${Date.now()}`);
  const argv = useGnuTime ? ['netns', 'exec', namespace, GNU_TIME, '-f', '%e %M', '-o', timeFile, command, ...args] : ['netns', 'exec', namespace, command, ...args];
  const started = performance.now();
  // Its own process group, so an interrupt can kill GNU time and the program it forked together.
  const child = spawn('ip', argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  onSpawn(child);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let sampledKb = 0;
  // `ip netns exec` execs the command in place, so the child's pid is the measured program's.
  const sampler = useGnuTime ? null : setInterval(() => (sampledKb = Math.max(sampledKb, highWaterMarkKb(child.pid ?? 0))), 20);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const wallMs = performance.now() - started;
      if (sampler !== null) clearInterval(sampler);
      let peakRssKb = sampledKb;
      if (useGnuTime) {
        try {
          peakRssKb = Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).at(-1)) || 0;
        } catch {
          peakRssKb = 0;
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), wallMs, peakRssKb });
    });
  });
}
