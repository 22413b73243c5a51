/**
 * The installed version of named packages as rpm records them (`rpm -q`): the version check of
 * the three signals a dnf or zypper run is judged by. Versions are `version-release`, with
 * `epoch:` in front only when the package has an epoch, the form dnf and zypper accept back.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';

/** rpm's query format: name, tab, [epoch:]version-release. */
export const RPM_QUERY_FORMAT = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n";

const LINE = /^([^\t\s]+)\t(\S+)$/;
const NOT_INSTALLED = /^package \S+ is not installed$/;

/**
 * Parses `rpm -q --qf RPM_QUERY_FORMAT` output. Names rpm does not know are absent; with several
 * versions of one name installed (install-only packages such as kernels) the last one is kept.
 */
export function parseRpmVersions(host: string, stdout: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (line.trim() === '' || NOT_INSTALLED.test(line.trim())) continue;
    const match = LINE.exec(line);
    if (!match) throw new RemoteError('unparseable', host, `rpm printed a line Patchdesk cannot read on ${host}: ${JSON.stringify(line.slice(0, 120))}`);
    versions.set(match[1] ?? '', match[2] ?? '');
  }
  return versions;
}

/** The installed [epoch:]version-release of each of `names`; names rpm does not know are absent. */
export async function rpmPackageVersions(context: OperationContext, names: readonly string[], timeoutMs = 60_000): Promise<Map<string, string>> {
  assertPackageSpecs(names.map((name) => ({ name })));
  // Exit 1 only says some name is not installed; the lines for the others are still printed.
  const output = await runOn(context, `LC_ALL=C rpm -q --qf '${RPM_QUERY_FORMAT}' ${names.join(' ')}`, { timeoutMs, expectedExitCodes: [0, 1] });
  return parseRpmVersions(context.target.name, output.stdout);
}
