/**
 * Which versions of named packages a zypper host has and can still get (`zypper search -s
 * --match-exact`): a rollback by `install --oldpackage` needs the old version in a repository,
 * so this is asked before patching (execution.md §2.1).
 */
import type { RpmVersionAvailability } from './dnf-available-versions';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';

/** `zypper search -s` for exact package names, from the repositories as last refreshed. */
export function zypperSearchVersionsCommand(names: readonly string[]): string {
  assertPackageSpecs(names.map((name) => ({ name })));
  return `LC_ALL=C zypper --non-interactive --no-refresh search -s --match-exact -t package ${names.join(' ')} </dev/null`;
}

// Installed packages no enabled repository offers are listed under this pseudo-repository.
const SYSTEM = '@System';

/**
 * Parses the `S | Name | Type | Version | Arch | Repository` table. A row counts as available
 * when a real repository offers it (installed rows name their repository too when it still has
 * that version); `(System Packages)` / `@System` rows are installed only.
 */
export function parseZypperSearchVersions(stdout: string): Map<string, RpmVersionAvailability> {
  const result = new Map<string, RpmVersionAvailability>();
  for (const line of stdout.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 6 || cells[2] !== 'package') continue;
    const [status = '', name = '', , version = '', , repository = ''] = cells;
    const entry = result.get(name) ?? { installed: [], available: [] };
    if (status.startsWith('i')) entry.installed.push(version);
    if (repository !== '' && repository !== SYSTEM && repository !== '(System Packages)') entry.available.push(version);
    result.set(name, entry);
  }
  return result;
}

/** The installed and downloadable versions of each of `names` (104: none of them known). */
export async function zypperVersionAvailability(context: OperationContext, names: readonly string[], timeoutMs = 120_000): Promise<Map<string, RpmVersionAvailability>> {
  const output = await runOn(context, zypperSearchVersionsCommand(names), { timeoutMs, expectedExitCodes: [0, 104] });
  return parseZypperSearchVersions(output.stdout);
}
