/**
 * What an apk upgrade of chosen packages would do, asked of apk itself (`-s`, simulate): every
 * package it would upgrade, install, downgrade or purge, with the versions it prints. apk-tools
 * 2.x prints one line per change, `(i/n) Upgrading name (old -> new)`, `(i/n) Installing name
 * (version)`, `(i/n) Purging name (version)` (src/commit.c `print_change`; a repository tag follows
 * the name as `name@tag`), then `OK: ...`; a plan it cannot solve prints `ERROR: unable to select
 * packages:` and indented reasons on stderr and exits non-zero. A purge nobody approved is a
 * removal the rollout refuses.
 */
import { RemoteError } from '../executor/remote-error';
import { apkEntryTag, apkSimulateCommand } from './apk-command';
import { isVersionedEntry, readApkState, worldEntry } from './apk-installed';
import type { RpmChange, RpmPreview } from './dnf-preview';
import { runOn, type OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';

const CHANGE = /^\(\d+\/\d+\) (Upgrading|Downgrading|Installing|Purging|Replacing|Reinstalling) ([^\s@]+)(?:@\S+)? \((\S+)(?: -> (\S+))?\)\s*$/;

/** Parses the change lines of apk's (simulated) commit. */
export function parseApkChanges(stdout: string): { name: string; from: string | null; to: string; kind: RpmChange['kind'] }[] {
  const rows: { name: string; from: string | null; to: string; kind: RpmChange['kind'] }[] = [];
  for (const line of stdout.split('\n')) {
    const match = CHANGE.exec(line.trim());
    if (!match) continue;
    const [, action = '', name = '', first = '', second] = match;
    if (action === 'Installing') rows.push({ name, from: null, to: first, kind: 'new' });
    else if (action === 'Purging') rows.push({ name, from: first, to: '', kind: 'remove' });
    else if (action === 'Upgrading' || action === 'Downgrading') rows.push({ name, from: first, to: second ?? first, kind: action === 'Upgrading' ? 'upgrade' : 'downgrade' });
    // Replacing (same version, other build) and Reinstalling move no version: nothing to plan or roll back.
  }
  return rows;
}

/** Why apk cannot plan it, from its error text: the `ERROR:` line and the reasons indented under it. */
export function apkPlanProblem(text: string): string | null {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith('ERROR:'));
  if (at < 0) return null;
  const reasons = lines.slice(at + 1).filter((line) => /^\s+\S/.test(line)).slice(0, 6).map((line) => line.trim());
  return [lines[at]?.replace(/^ERROR:\s*/, '') ?? '', ...reasons].join(' ').trim();
}

/**
 * Simulates upgrading `packages` (pinned where a version is given). Names the host does not have
 * installed are left out (an upgrade installs nothing new by name), and a name the world pins to a
 * version is refused: Patchdesk does not override an admin's pin.
 */
export async function apkPreviewUpgrade(context: OperationContext, packages: readonly PackageSpec[], timeoutMs = 120_000): Promise<RpmPreview & { problem?: string }> {
  const host = context.target.name;
  const state = await readApkState(context);
  const pinned = packages.map((spec) => worldEntry(state.world, spec.name)).filter((entry): entry is string => entry !== null && isVersionedEntry(entry));
  if (pinned.length > 0) return { changes: [], removals: [], problem: `the world of ${host} pins ${pinned.join(', ')} (/etc/apk/world): an admin's pin, which Patchdesk does not override; remove it on the host or leave the package out of the plan` };
  const wanted = packages.filter((spec) => state.installed.has(spec.name));
  if (wanted.length === 0) return { changes: [], removals: [] };
  const tags = new Map(wanted.map((spec) => [spec.name, apkEntryTag(worldEntry(state.world, spec.name))]));
  const output = await runOn(context, apkSimulateCommand(wanted, tags), { timeoutMs, expectedExitCodes: Array.from({ length: 100 }, (_, code) => code) });
  const text = `${output.stdout}\n${output.stderr}`;
  if (output.exitCode !== 0) throw new RemoteError('nonzero_exit', host, `apk cannot plan the upgrade on ${host}: ${apkPlanProblem(text) ?? `apk exited with ${output.exitCode}`}`, output);
  const requested = new Set(wanted.map((spec) => spec.name));
  const changes = parseApkChanges(output.stdout).map((row) => ({ ...row, from: row.from ?? state.installed.get(row.name)?.version ?? null, requested: requested.has(row.name) }));
  return { changes, removals: changes.filter((change) => change.kind === 'remove').map((change) => change.name) };
}
