/**
 * What an apt upgrade of chosen packages would do on a host, asked of apt itself
 * (`apt-get -s install --only-upgrade`): the exact versions it would move each package from and
 * to, and everything else the transaction would change. A preview that would remove a package is
 * flagged, so a plan that nobody approved that for can be refused.
 */
import { parseAptSimulate } from '../../collect/parsers/apt-simulate.parser';
import { RemoteError } from '../executor/remote-error';
import { aptGetCommand, aptLockHolder } from './apt-command';
import { runOn, type OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';

/** One package the transaction would change. */
export interface AptChange {
  name: string;
  /** null for a package the transaction would newly install. */
  from: string | null;
  /** Empty for a removal. */
  to: string;
  kind: 'upgrade' | 'new' | 'remove';
  /** Asked for by the plan (the rest are what apt adds to make it work). */
  requested: boolean;
}

/** The simulated transaction. */
export interface AptPreview {
  changes: AptChange[];
  /** Packages the transaction would remove: a plan must not go ahead with these unapproved. */
  removals: string[];
}

/** Simulates upgrading `packages`; rejects with `nonzero_exit` naming a version apt cannot find or a held lock. */
export async function aptPreviewUpgrade(context: OperationContext, packages: readonly PackageSpec[], timeoutMs = 120_000): Promise<AptPreview> {
  const host = context.target.name;
  const output = await runOn(context, aptGetCommand('simulate-upgrade', packages, { lockTimeoutSeconds: 0 }), { timeoutMs, expectedExitCodes: [0, 100] });
  if (output.exitCode === 100) {
    const text = `${output.stdout}\n${output.stderr}`;
    const holder = aptLockHolder(text);
    const missing = /Version '([^']+)' for '([^']+)' was not found/.exec(text);
    const reason = missing ? `version ${missing[1]} of ${missing[2]} is not available from the host's repositories` : holder ? `another process holds the package lock (${holder.process} pid ${holder.pid})` : (text.trim().split('\n').find((line) => line.startsWith('E: ')) ?? 'apt-get failed');
    throw new RemoteError('nonzero_exit', host, `apt cannot plan the upgrade on ${host}: ${reason}`, output);
  }
  const parsed = parseAptSimulate({ stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode });
  if (!parsed.ok) throw new RemoteError('unparseable', host, `apt's simulation on ${host} could not be read: ${parsed.error}`, output);
  const requested = new Set(packages.map((spec) => spec.name));
  const changes: AptChange[] = parsed.value.updates.map((update) => ({
    name: update.name,
    from: update.installedVersion,
    to: update.availableVersion,
    kind: update.kind === 'remove' ? 'remove' : update.kind === 'new' ? 'new' : 'upgrade',
    requested: requested.has(update.name),
  }));
  return { changes, removals: changes.filter((change) => change.kind === 'remove').map((change) => change.name) };
}
