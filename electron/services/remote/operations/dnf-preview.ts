/**
 * What a dnf upgrade of chosen packages would do, asked of dnf itself (`upgrade --assumeno`):
 * every package the transaction would upgrade, install, downgrade or remove, with the version it
 * would go to (the "from" side is rpm's record). A preview that would remove a package is flagged.
 */
import { RemoteError } from '../executor/remote-error';
import { dnfCommand } from './dnf-command';
import { runOn, type OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';
import { rpmPackageVersions } from './rpm-versions';

/** One package the transaction would change. */
export interface RpmChange {
  name: string;
  from: string | null;
  /** Empty for a removal. */
  to: string;
  kind: 'upgrade' | 'new' | 'downgrade' | 'remove';
  requested: boolean;
}

/** The simulated transaction, in the shape of apt's preview. */
export interface RpmPreview {
  changes: RpmChange[];
  removals: string[];
}

const SECTIONS: [RegExp, RpmChange['kind']][] = [
  [/^Upgrading:/, 'upgrade'],
  [/^Installing( dependencies| weak dependencies)?:/, 'new'],
  [/^Downgrading:/, 'downgrade'],
  [/^Removing( dependent packages| unused dependencies)?:/, 'remove'],
];

/** Parses dnf's transaction table (`--assumeno` output): name, arch, version, repo per row. */
export function parseDnfTransactionTable(stdout: string): { name: string; to: string; kind: RpmChange['kind'] }[] {
  const rows: { name: string; to: string; kind: RpmChange['kind'] }[] = [];
  let kind: RpmChange['kind'] | null = null;
  for (const line of stdout.split('\n')) {
    const section = SECTIONS.find(([pattern]) => pattern.test(line));
    if (section) {
      kind = section[1];
      continue;
    }
    // A blank line or a heading ends the table ("Transaction Summary" follows a blank line).
    if (/^\S/.test(line) || line.trim() === '') {
      kind = null;
      continue;
    }
    if (kind === null) continue;
    const match = /^\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
    if (match) rows.push({ name: match[1] ?? '', to: kind === 'remove' ? '' : (match[3] ?? ''), kind });
  }
  return rows;
}

/** Why dnf cannot plan what was asked, from its output; null when it says nothing we know. */
export function dnfPlanProblem(output: string): string | null {
  const noMatch = /No match for argument: (\S+)/.exec(output);
  if (noMatch) return `${noMatch[1]} is not available from the host's repositories`;
  if (/No packages marked for (upgrade|downgrade)/.test(output)) return 'none of the requested versions is available as an upgrade from the host\'s repositories';
  if (/already locked by \d+/.test(output)) return 'another process holds the package lock';
  return null;
}

/** Simulates upgrading `packages`; rejects with `nonzero_exit` when dnf cannot plan it. */
export async function dnfPreviewUpgrade(context: OperationContext, packages: readonly PackageSpec[], options: { advisories?: readonly string[]; timeoutMs?: number } = {}): Promise<RpmPreview> {
  const host = context.target.name;
  const output = await runOn(context, dnfCommand('preview-upgrade', packages, { lockTimeoutSeconds: 0, ...(options.advisories ? { advisories: options.advisories } : {}) }), { timeoutMs: options.timeoutMs ?? 120_000, expectedExitCodes: [0, 1, 200] });
  const text = `${output.stdout}\n${output.stderr}`;
  // --assumeno ends every real plan with exit 1 and "Operation aborted."; anything else at 1 is a refusal.
  const problem = dnfPlanProblem(text);
  if (output.exitCode !== 0 && (problem || !/Operation aborted/.test(text))) throw new RemoteError('nonzero_exit', host, `dnf cannot plan the upgrade on ${host}: ${problem ?? (text.trim().split('\n').find((line) => line.startsWith('Error')) ?? `dnf exited with ${output.exitCode}`)}`, output);
  const rows = parseDnfTransactionTable(output.stdout);
  const before = rows.length > 0 ? await rpmPackageVersions(context, rows.map((row) => row.name)) : new Map<string, string>();
  const requested = new Set(packages.map((spec) => spec.name));
  const changes = rows.map((row) => ({ name: row.name, from: before.get(row.name) ?? null, to: row.to, kind: row.kind, requested: requested.has(row.name) }));
  return { changes, removals: changes.filter((change) => change.kind === 'remove').map((change) => change.name) };
}
