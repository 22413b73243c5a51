/**
 * Which process owns a running job, and whether that owner is gone. One process owns a data
 * folder at a time (electron/owner/), but the jobs of an earlier owner that was killed stay in the
 * table; the job engine (electron/jobs/) marks as interrupted only the jobs whose owner stopped,
 * never another live process's job.
 *
 * "Gone" is decided from facts a test can set: the owner's pid on this machine (a signal-0 probe),
 * the kernel's start time of whatever now has that pid (so a reused pid is not mistaken for the
 * owner), and the heartbeat, measured with the injected clock. A random instance id and the host
 * name are recorded too (another machine on a shared folder is judged by its heartbeat only).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The process that runs a job. */
export interface JobOwner {
  pid: number;
  /** Random per process: tells this process from a later one that got the same pid. */
  instanceId: string;
  /** When the process started (ISO). */
  startedAt: string;
  host: string;
  /**
   * What the kernel says about the process, exact where the clock is not: on Linux the boot id and
   * the start time in clock ticks since boot. Null where the platform cannot tell.
   */
  processKey: string | null;
}

/** How often a running job refreshes its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A job whose heartbeat is older than this has lost its owner, whatever holds its pid now. */
export const HEARTBEAT_STALE_AFTER_MS = 2 * 60_000;

/** This process and a way to ask whether another one is running; tests pass their own. */
export interface OwnerProbe {
  readonly self: JobOwner;
  isRunning(pid: number): boolean;
  /** The {@link JobOwner.processKey} of the process that has `pid` now, or null when unknown. */
  processKeyOf(pid: number): string | null;
}

/** Who runs a job as stored. `owner` is null for a job started before owners were recorded. */
export interface RunningJob {
  owner: JobOwner | null;
  heartbeatAt: string | null;
}

/**
 * Linux: `<boot id>:<start time in ticks>` from /proc. A pid reused by a later process has another
 * start time; the same pid after a reboot has another boot id. Null elsewhere or when unreadable.
 */
export function linuxProcessKey(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; start time is field 22.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return bootId && startTicks && /^\d+$/.test(startTicks) ? `${bootId}:${startTicks}` : null;
  } catch {
    return null;
  }
}

const thisProcess: JobOwner = {
  pid: process.pid,
  instanceId: randomUUID(),
  startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  host: hostname(),
  processKey: linuxProcessKey(process.pid),
};

/** Signal 0 checks that a pid exists without touching it; EPERM means it exists under another user. */
export function isPidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The real process and machine. */
export const processOwnerProbe: OwnerProbe = { self: thisProcess, isRunning: isPidRunning, processKeyOf: linuxProcessKey };

/** Whether the process that ran `job` has stopped, so the job can be marked interrupted. */
export function isOwnerGone(job: RunningJob, probe: OwnerProbe, now: Date): boolean {
  const { owner } = job;
  if (owner === null) return true;
  if (owner.instanceId === probe.self.instanceId) return false;
  const beat = job.heartbeatAt === null ? Number.NaN : Date.parse(job.heartbeatAt);
  if (!(now.getTime() - beat <= HEARTBEAT_STALE_AFTER_MS)) return true;
  // Another machine's pids mean nothing here: a fresh heartbeat is all we can know.
  if (owner.host !== probe.self.host) return false;
  if (!probe.isRunning(owner.pid)) return true;
  // The pid runs, but is it still the owner? Only a definite mismatch counts: unknown is not gone.
  const current = owner.processKey === null ? null : probe.processKeyOf(owner.pid);
  return current !== null && current !== owner.processKey;
}
