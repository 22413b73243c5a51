/**
 * Whether exact versions of packages can be installed on a host now: listed by the host's
 * repositories (`apt-cache madison`) or kept as a downloaded file in apt's cache. Asked before a
 * change, for the versions a rollback would go back to (execution.md §2.1: a Debian suite usually
 * lists only the newest version, so the old one may be gone).
 */
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';

/** Where a version can be installed from; `none` when nowhere. */
export type VersionSource = 'repository' | 'cache' | 'none';

/** Parses `apt-cache madison` (`name | version | source`) into the versions listed per package. */
export function parseMadison(stdout: string): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>();
  for (const line of stdout.split('\n')) {
    const [name, version] = line.split('|').map((field) => field.trim());
    if (!name || !version) continue;
    const versions = listed.get(name) ?? new Set<string>();
    versions.add(version);
    listed.set(name, versions);
  }
  return listed;
}

/** The cache file name apt gives a version (an epoch's colon is written `%3a`). */
export function cachedDebPrefix(name: string, version: string): string {
  return `${name}_${version.replace(/:/g, '%3a')}_`;
}

const MARKER = '--- cache ---';

/**
 * The shell text that lists where versions of `names` can come from: `apt-cache madison` and the
 * files in apt's cache. Read-only; its output goes to {@link parseAptVersionSources}. Names are
 * validated by the caller (`assertPackageSpecs`).
 */
export function aptVersionSourcesScript(names: readonly string[]): string {
  return `LC_ALL=C apt-cache madison ${names.join(' ')} 2>/dev/null; echo '${MARKER}'; ls -1 /var/cache/apt/archives/ 2>/dev/null`;
}

/** Where each `{ name, version }` can come from, from the output of {@link aptVersionSourcesScript}. */
export function parseAptVersionSources(stdout: string, wanted: readonly { name: string; version: string }[]): Map<string, VersionSource> {
  const sources = new Map<string, VersionSource>();
  const [madison = '', cache = ''] = stdout.split(`${MARKER}\n`);
  const listed = parseMadison(madison);
  const files = cache.split('\n').filter((file) => file.endsWith('.deb'));
  for (const item of wanted) {
    const key = `${item.name}=${item.version}`;
    if (listed.get(item.name)?.has(item.version)) sources.set(key, 'repository');
    else if (files.some((file) => file.startsWith(cachedDebPrefix(item.name, item.version)))) sources.set(key, 'cache');
    else sources.set(key, 'none');
  }
  return sources;
}

/** Where each `{ name, version }` can come from on the host now. */
export async function aptVersionSources(context: OperationContext, wanted: readonly { name: string; version: string }[], timeoutMs = 60_000): Promise<Map<string, VersionSource>> {
  if (wanted.length === 0) return new Map();
  assertPackageSpecs(wanted);
  const output = await runOn(context, aptVersionSourcesScript([...new Set(wanted.map((item) => item.name))]), { timeoutMs });
  return parseAptVersionSources(output.stdout, wanted);
}
