/**
 * Whether the versions a rollback returns to can be installed on an apk host now: offered by a
 * repository (`apk policy`), or kept as a file in the admin's package cache (`/etc/apk/cache`,
 * apk-cache(5): `name-version.<hash>.apk`). Alpine's repositories usually carry only the newest
 * build of a package, so without the cache a rollback is often not possible: the preview says so.
 * `apk policy` (apk-tools 2.14 src/app_policy.c) prints `name policy:`, then per version
 * `  version:` and, indented further, where it is from (`lib/apk/db/installed` for the installed
 * one, a repository URL, optionally after an `@tag`); apk-tools 3.0.6 prints the same shape, the
 * installed line as `<database layer>/installed`.
 */
import { APK_CACHE_MARKER, apkVersionSourcesCommand } from './apk-command';
import type { VersionSource } from './apt-version-availability';
import { runOn, type OperationContext } from './operation-context';
import { assertPackageSpecs } from './package-spec';
import type { PackageTarget } from './package-transaction';

/** Parses `apk policy`: the versions each name's repositories offer (the installed database is not a source). */
export function parseApkPolicy(stdout: string): Map<string, Set<string>> {
  const offered = new Map<string, Set<string>>();
  let name: string | null = null;
  let version: string | null = null;
  for (const line of stdout.split('\n')) {
    const head = /^(\S+) policy:$/.exec(line);
    if (head) {
      name = head[1] ?? null;
      version = null;
      continue;
    }
    const entry = /^ {2}(\S+?)(?: \([a-z]+\))?:$/.exec(line);
    if (entry) {
      version = entry[1] ?? null;
      continue;
    }
    const from = /^ {4}(\S.*)$/.exec(line)?.[1]?.trim();
    // The installed database is not a source: `lib/apk/db/installed` (v3: `<layer>/installed`).
    if (!name || !version || !from || (from.endsWith('/installed') && !from.includes('://'))) continue;
    const versions = offered.get(name) ?? new Set<string>();
    versions.add(version);
    offered.set(name, versions);
  }
  return offered;
}

/** Where each `{ name, version }` can come from, from the output of `apkVersionSourcesCommand`. */
export function parseApkVersionSources(stdout: string, wanted: readonly PackageTarget[]): Map<string, VersionSource> {
  const [policy = '', cache = ''] = stdout.split(`${APK_CACHE_MARKER}\n`);
  const offered = parseApkPolicy(policy);
  const files = cache.split('\n').map((file) => file.trim()).filter((file) => file.endsWith('.apk'));
  return new Map(
    wanted.map((item) => {
      const key = `${item.name}=${item.version}`;
      if (offered.get(item.name)?.has(item.version)) return [key, 'repository'];
      // `name-version.` then the checksum: the version's own dots cannot make another name-version match.
      const prefix = `${item.name}-${item.version}.`;
      return [key, files.some((file) => file.startsWith(prefix) && /^[0-9a-f]+\.apk$/.test(file.slice(prefix.length))) ? 'cache' : 'none'];
    }),
  );
}

/** Where each `{ name, version }` can be installed from on the host now. */
export async function apkVersionSources(context: OperationContext, wanted: readonly PackageTarget[], timeoutMs = 60_000): Promise<Map<string, VersionSource>> {
  if (wanted.length === 0) return new Map();
  assertPackageSpecs(wanted);
  const output = await runOn(context, apkVersionSourcesCommand([...new Set(wanted.map((item) => item.name))]), { timeoutMs });
  return parseApkVersionSources(output.stdout, wanted);
}
