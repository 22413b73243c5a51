/**
 * What a zypper install of exact versions (or of patches) would do, asked of zypper itself
 * (`install --dry-run --details`): each package it would upgrade, downgrade, install or remove,
 * with from and to versions. A preview that would remove a package is flagged.
 */
import { RemoteError } from '../executor/remote-error';
import type { RpmChange, RpmPreview } from './dnf-preview';
import { runOn, type OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';
import { ZYPPER_EXIT_ANSWERS, zypperCommand, zypperExitMeaning, zypperLockHolder, zypperPatchCommand } from './zypper-command';

const HEADINGS: [RegExp, RpmChange['kind']][] = [
  [/going to be upgraded:$/, 'upgrade'],
  [/going to be downgraded:$/, 'downgrade'],
  [/going to be installed:$/, 'new'],
  [/going to be REMOVED:$/, 'remove'],
];

/**
 * Parses the `--details` blocks of a dry run: after a heading, each package is a name line at the
 * left margin followed by indented lines, the first of them `from -> to` (or one version for a
 * new package). Any other heading, or a blank line after the block, ends it.
 */
export function parseZypperDryRun(stdout: string): { name: string; from: string | null; to: string; kind: RpmChange['kind'] }[] {
  const rows: { name: string; from: string | null; to: string; kind: RpmChange['kind'] }[] = [];
  let kind: RpmChange['kind'] | null = null;
  let current: { name: string; from: string | null; to: string; kind: RpmChange['kind'] } | null = null;
  for (const line of stdout.split('\n')) {
    const heading = /^The following/.test(line) ? HEADINGS.find(([pattern]) => pattern.test(line.trim())) : undefined;
    if (/^The following/.test(line)) {
      // Patch blocks (names of advisories) are not packages; the packages they bring follow in their own blocks.
      kind = heading && !/patch(es)? (is|are) going/.test(line) ? heading[1] : null;
      current = null;
      continue;
    }
    if (kind === null) continue;
    if (line.trim() === '') {
      if (current === null) continue;
      current = null;
      continue;
    }
    if (/^\S/.test(line)) {
      if (/^\d+ (package|patch)/.test(line) || /^Overall|^Continue/.test(line)) {
        kind = null;
        continue;
      }
      current = { name: line.trim(), from: null, to: '', kind };
      rows.push(current);
      continue;
    }
    if (current && current.to === '' && current.from === null) {
      const move = /^\s+(\S+) -> (\S+)$/.exec(line);
      if (move) {
        current.from = move[1] ?? null;
        current.to = move[2] ?? '';
      } else if (/^\s+\S+$/.test(line) && kind !== 'remove') current.to = line.trim();
    }
  }
  return rows;
}

async function preview(context: OperationContext, command: string, requestedNames: ReadonlySet<string>, timeoutMs: number): Promise<RpmPreview> {
  const host = context.target.name;
  const output = await runOn(context, command, { timeoutMs, expectedExitCodes: ZYPPER_EXIT_ANSWERS });
  // A dry run answers like the real one would (102 for a reboot-suggested patch, ...).
  const meaning = zypperExitMeaning(output.exitCode);
  const text = `${output.stdout}\n${output.stderr}`;
  if (!meaning.committed) {
    const holder = zypperLockHolder(text);
    const missing = /No provider of '([^']+)' found/.exec(text);
    const reason = holder ? `another process holds the zypp lock (${holder.process} pid ${holder.pid})` : missing ? `${missing[1]} is not available from the host's repositories` : `${meaning.name}: ${text.trim().split('\n').slice(-2).join(' ')}`;
    throw new RemoteError('nonzero_exit', host, `zypper cannot plan the install on ${host}: ${reason}`, output);
  }
  const changes = parseZypperDryRun(output.stdout).map((row) => ({ ...row, requested: requestedNames.has(row.name) }));
  return { changes, removals: changes.filter((change) => change.kind === 'remove').map((change) => change.name) };
}

/** Simulates installing the exact versions in `packages`. */
export function zypperPreviewInstall(context: OperationContext, packages: readonly PackageSpec[], timeoutMs = 120_000): Promise<RpmPreview> {
  return preview(context, zypperCommand('preview-install', packages, { lockTimeoutSeconds: 0 }), new Set(packages.map((spec) => spec.name)), timeoutMs);
}

/** Simulates installing the named patches (advisories). */
export function zypperPreviewPatches(context: OperationContext, advisories: readonly string[], timeoutMs = 120_000): Promise<RpmPreview> {
  return preview(context, zypperPatchCommand(advisories, { lockTimeoutSeconds: 0, dryRun: true }), new Set(), timeoutMs);
}
