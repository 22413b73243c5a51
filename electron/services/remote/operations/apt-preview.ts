/**
 * What an apt upgrade of chosen packages would do on a host, asked of apt itself
 * (`apt-get -s install --only-upgrade`): the exact versions it would move each package from and
 * to, and everything else the transaction would change. A preview that would remove a package is
 * flagged, so a plan that nobody approved that for can be refused. Asked with `rollbackSources`,
 * the same remote call also lists where the requested packages' versions can be reinstalled from
 * (the rollback plan's question), so a preview is one command per host.
 */
import { randomBytes } from 'node:crypto';
import { parseAptSimulate } from '../../collect/parsers/apt-simulate.parser';
import { RemoteError } from '../executor/remote-error';
import { aptGetCommand, aptLockHolder } from './apt-command';
import { aptVersionSourcesScript, parseAptVersionSources, type VersionSource } from './apt-version-availability';
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
  /**
   * Asked for only: where each change's installed version (`name=from`) can be reinstalled from,
   * for the packages the request named. A change apt added on its own is not in it.
   */
  rollbackSources?: Map<string, VersionSource>;
}

/** Options of {@link aptPreviewUpgrade}. */
export interface AptPreviewOptions {
  timeoutMs?: number;
  /** Also list, in the same remote call, where the requested packages' versions can come from. */
  rollbackSources?: boolean;
}

/** Simulates upgrading `packages`; rejects with `nonzero_exit` naming a version apt cannot find or a held lock. */
export async function aptPreviewUpgrade(context: OperationContext, packages: readonly PackageSpec[], options: AptPreviewOptions = {}): Promise<AptPreview> {
  const host = context.target.name;
  const simulate = aptGetCommand('simulate-upgrade', packages, { lockTimeoutSeconds: 0 });
  const names = [...new Set(packages.map((spec) => spec.name))];
  const withSources = options.rollbackSources === true && names.length > 0;
  // A random marker: nothing apt prints can end the simulation's output early.
  const marker = `=== patchdesk version sources ${randomBytes(8).toString('hex')} ===`;
  const command = withSources ? `${simulate}; pd_rc=$?; echo; echo '${marker}'; ${aptVersionSourcesScript(names)}; exit $pd_rc` : simulate;
  const ran = await runOn(context, command, { timeoutMs: options.timeoutMs ?? 120_000, expectedExitCodes: [0, 100] });
  const [simulated = '', listing] = withSources ? splitOnce(ran.stdout, `\n${marker}\n`) : [ran.stdout, undefined];
  const output = { ...ran, stdout: simulated };
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
  const removals = changes.filter((change) => change.kind === 'remove').map((change) => change.name);
  if (listing === undefined) return { changes, removals };
  if (listing === null) throw new RemoteError('unparseable', host, `the version listing after apt's simulation on ${host} is missing`, ran);
  const asked = new Set(names);
  const back = changes.filter((change) => change.from !== null && asked.has(change.name)).map((change) => ({ name: change.name, version: change.from ?? '' }));
  return { changes, removals, rollbackSources: parseAptVersionSources(listing, back) };
}

/** `text` before and after the first `separator`; null after it when it is not there. */
function splitOnce(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, null] : [text.slice(0, at), text.slice(at + separator.length)];
}
