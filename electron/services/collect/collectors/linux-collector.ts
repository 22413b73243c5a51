/**
 * Collects a Linux host over SSH: the collector script goes to `sh -s` on stdin in one round
 * trip, so nothing is quoted on a command line and no sudo is needed.
 */
import { transportFailure, type CollectionOutcome } from './collection-outcome';
import { parseLinuxCollection } from './linux-collection.parser';
import { LINUX_COLLECTOR_SCRIPT } from './linux-collector.script';

/** The part of an SSH session the collectors use (`SshSession` from remote/ssh fits). */
export interface CommandRunner {
  run(
    command: string,
    options?: { sudo?: boolean; stdin?: string; timeoutMs?: number; maxOutputBytes?: number; signal?: AbortSignal },
  ): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

/** Limits for one host's collection. */
export interface CollectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Defaults to 64 MiB: a large rpm inventory with stderr stays far below it. */
  maxOutputBytes?: number;
  /** Defaults to now. */
  collectedAt?: string;
}

/** The command the script is fed to; the SSH executor already forces the C locale around it. */
export const LINUX_COLLECTOR_COMMAND = 'LC_ALL=C LANG=C LANGUAGE= sh -s';

/**
 * Runs the collector script on `session` and parses its output. Transport failures come back
 * as their error code (`timeout`, `connection_lost`, ...) rather than throwing; a script that
 * exits non-zero or prints no complete collection is `unparseable`.
 */
export async function collectLinux(session: CommandRunner, options: CollectOptions): Promise<CollectionOutcome> {
  const collectedAt = options.collectedAt ?? new Date().toISOString();
  let result: { stdout: string; stderr: string; exitCode: number };
  try {
    result = await session.run(LINUX_COLLECTOR_COMMAND, {
      stdin: LINUX_COLLECTOR_SCRIPT,
      timeoutMs: options.timeoutMs,
      maxOutputBytes: options.maxOutputBytes ?? 64 * 1024 * 1024,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    return transportFailure(error);
  }
  const parsed = parseLinuxCollection(result.stdout, { collectedAt, method: 'ssh' });
  if (!parsed.ok && result.exitCode !== 0) {
    const detail = result.stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
    return { ok: false, code: parsed.code, message: `${parsed.message} (the script exited ${result.exitCode}${detail ? `: ${detail}` : ''})` };
  }
  return parsed;
}
