/**
 * The installed version and dpkg state of named packages (`dpkg-query -W`): the third of the three
 * signals an apt run is judged by, after the exit code and apt's own output.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';

/** One package as dpkg records it. */
export interface DpkgPackageState {
  version: string;
  /** dpkg's three-letter status, e.g. `ii ` installed, `iF ` half-configured, `iU ` unpacked. */
  status: string;
  /** Fully installed and configured (`ii`). */
  configured: boolean;
}

const LINE = /^([^\t]+)\t([^\t]*)\t([a-zA-Z ]{2,3})$/;

/** Parses `dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\n'`; throws `unparseable` on anything else. */
export function parseDpkgStates(host: string, stdout: string): Map<string, DpkgPackageState> {
  const states = new Map<string, DpkgPackageState>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const match = LINE.exec(line);
    if (!match) throw new RemoteError('unparseable', host, `dpkg-query printed a line Patchdesk cannot read on ${host}: ${JSON.stringify(line.slice(0, 120))}`);
    const [, name = '', version = '', status = ''] = match;
    // A package removed but with its conffiles left has no version: it is not installed.
    if (version === '') continue;
    states.set(name.replace(/:[a-z0-9]+$/, ''), { version, status, configured: status.startsWith('ii') });
  }
  return states;
}

/** The `dpkg-query` command whose output {@link parseDpkgStates} reads, for `names` (validated here). */
export function dpkgStatesCommand(names: readonly string[]): string {
  assertPackageSpecs(names.map((name) => ({ name })));
  return `dpkg-query -W -f='\${Package}\\t\${Version}\\t\${db:Status-Abbrev}\\n' ${names.join(' ')}`;
}

/** The dpkg state of each of `names` on the host; names dpkg does not know are absent from the map. */
export async function dpkgPackageStates(context: OperationContext, names: readonly string[], timeoutMs = 60_000): Promise<Map<string, DpkgPackageState>> {
  // Exit 1 only says some name is not installed; the lines for the others are still printed.
  const output = await runOn(context, dpkgStatesCommand(names), { timeoutMs, expectedExitCodes: [0, 1] });
  return parseDpkgStates(context.target.name, output.stdout);
}

/** Packages dpkg has left half-done (anything installed but not `ii`): a run must not start on top of them unnoticed. */
export async function dpkgUnfinishedPackages(context: OperationContext, timeoutMs = 60_000): Promise<string[]> {
  const output = await runOn(context, `dpkg-query -W -f='\${Package}\\t\${Version}\\t\${db:Status-Abbrev}\\n'`, { timeoutMs });
  return [...parseDpkgStates(context.target.name, output.stdout)].filter(([, state]) => !state.configured && !state.status.startsWith('rc')).map(([name]) => name);
}
