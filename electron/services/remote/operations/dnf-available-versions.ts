/**
 * Which versions of named packages a dnf host has and can still get (`dnf list --showduplicates`):
 * a rollback by downgrade or `history undo` needs the old version downloadable, so this is asked
 * before patching, not after (execution.md fact 7).
 */
import { dnfListVersionsCommand } from './dnf-command';
import { runOn, type OperationContext } from './operation-context';

/** A package's versions on one host. */
export interface RpmVersionAvailability {
  installed: string[];
  available: string[];
}

/** Parses `dnf list --showduplicates` (sections "Installed Packages" / "Available Packages"). */
export function parseDnfListVersions(stdout: string): Map<string, RpmVersionAvailability> {
  const result = new Map<string, RpmVersionAvailability>();
  let section: 'installed' | 'available' | null = null;
  for (const line of stdout.split('\n')) {
    if (/^Installed Packages/.test(line)) section = 'installed';
    else if (/^Available Packages/.test(line)) section = 'available';
    else if (section) {
      const match = /^(\S+)\.([A-Za-z0-9_]+)\s+(\S+)\s+(\S+)/.exec(line);
      if (!match) continue;
      const name = match[1] ?? '';
      const entry = result.get(name) ?? { installed: [], available: [] };
      entry[section].push(match[3] ?? '');
      result.set(name, entry);
    }
  }
  return result;
}

/** The installed and downloadable versions of each of `names` (exit 1: none of them known; another dnf holding the lock fails with `nonzero_exit`). */
export async function dnfVersionAvailability(context: OperationContext, names: readonly string[], timeoutMs = 120_000): Promise<Map<string, RpmVersionAvailability>> {
  const output = await runOn(context, dnfListVersionsCommand(names), { timeoutMs, expectedExitCodes: [0, 1] });
  return parseDnfListVersions(output.stdout);
}
