/**
 * Collects a Windows host by running the collector script through whatever transport the
 * caller has (WinRM's `runPowerShell`, or PowerShell over SSH). Untested against real Windows;
 * see windows-collector.script.ts.
 */
import type { CollectionMethod } from '../../../../shared/contract/patch-status';
import { transportFailure, type CollectionOutcome } from './collection-outcome';
import { parseWindowsCollection } from './windows-collection.parser';
import { WINDOWS_COLLECTOR_REMOTE_SCRIPT } from './windows-collector.script';

/** Runs a PowerShell script on the host; rejects with the transport's error (WinRmError, SshError). */
export type PowerShellRunner = (script: string) => Promise<{ stdout: string; stderr: string; exitCode: number }>;

/** How this collection is recorded. */
export interface WindowsCollectOptions {
  /** `winrm` by default. */
  method?: Extract<CollectionMethod, 'winrm' | 'ssh-powershell'>;
  /** Defaults to now. */
  collectedAt?: string;
}

/**
 * Runs the collector script and parses its output. Transport errors come back as their code;
 * output that is not a complete collection is `unparseable`, with the script's stderr appended
 * (PowerShell reports its own failures there) when it exited non-zero.
 */
export async function collectWindows(run: PowerShellRunner, options: WindowsCollectOptions = {}): Promise<CollectionOutcome> {
  const collectedAt = options.collectedAt ?? new Date().toISOString();
  let result: { stdout: string; stderr: string; exitCode: number };
  try {
    result = await run(WINDOWS_COLLECTOR_REMOTE_SCRIPT);
  } catch (error) {
    return transportFailure(error);
  }
  const parsed = parseWindowsCollection(result.stdout, { collectedAt, method: options.method ?? 'winrm' });
  if (!parsed.ok && result.exitCode !== 0) {
    const detail = result.stderr.replace(/<[^>]*>/g, ' ').trim().slice(0, 200);
    return { ...parsed, message: `${parsed.message} (PowerShell exited ${result.exitCode}${detail ? `: ${detail}` : ''})` };
  }
  return parsed;
}
