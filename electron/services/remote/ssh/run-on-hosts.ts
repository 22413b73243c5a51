/**
 * Runs one task on many hosts with bounded concurrency. Each host succeeds or fails on its own, and
 * results are reported as they complete, so a slow or broken host never holds up the others.
 */
import type { HostKeyInfo, HostKeyPolicy } from './host-key';
import { openSshSession, type SshSession } from './open-ssh-session';
import { SshError } from './ssh-error';
import { describeTarget, type SshTarget } from './ssh-target';

/** One host's outcome; `index` is the target's position in the input. */
export type HostOutcome<T> =
  | { ok: true; index: number; target: SshTarget; hostKey: HostKeyInfo; value: T }
  | { ok: false; index: number; target: SshTarget; error: Error };

/** Fan-out settings. */
export interface RunOnHostsOptions<T> {
  /** Hosts connected at once; at least 1. */
  concurrency: number;
  hostKeyPolicy: HostKeyPolicy;
  /** Aborting cancels running hosts and fails the rest with `cancelled`. */
  signal?: AbortSignal;
  /** Called once per host as soon as it finishes. */
  onResult?: (outcome: HostOutcome<T>) => void;
}

/** Opens a session per target, runs `task` in it, closes it; resolves with every outcome in input order. */
export async function runOnHosts<T>(targets: readonly SshTarget[], task: (session: SshSession) => Promise<T>, options: RunOnHostsOptions<T>): Promise<HostOutcome<T>[]> {
  const outcomes: HostOutcome<T>[] = new Array(targets.length);
  let next = 0;
  let callbackError: { error: unknown } | undefined;

  const runOne = async (index: number, target: SshTarget): Promise<HostOutcome<T>> => {
    if (options.signal?.aborted) return { ok: false, index, target, error: new SshError('cancelled', target.host, `run on ${describeTarget(target)} was cancelled`) };
    let session: SshSession | undefined;
    try {
      session = await openSshSession(target, { hostKeyPolicy: options.hostKeyPolicy, ...(options.signal ? { signal: options.signal } : {}) });
      const value = await task(session);
      return { ok: true, index, target, hostKey: session.hostKey, value };
    } catch (error) {
      return { ok: false, index, target, error: error instanceof Error ? error : new Error(String(error)) };
    } finally {
      await session?.close();
    }
  };

  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const outcome = await runOne(index, targets[index] as SshTarget);
      outcomes[index] = outcome;
      try {
        options.onResult?.(outcome);
      } catch (error) {
        // A throwing callback must not leave other hosts' connections half done.
        callbackError ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (callbackError) throw callbackError.error;
  return outcomes;
}
