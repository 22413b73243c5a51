/**
 * The vetted apk templates (execution.md §1.4, apk-tools 2.14 `doc/apk.8.scd`): the C locale, no
 * progress bar, stdin closed (apk is non-interactive by default, and never on a non-tty), apk's
 * own bounded wait for `/lib/apk/db/lock` (`--wait N`), and `-U` on an install so a version just
 * published is seen. Every apk operation builds its command line here.
 *
 * The pin trap: `apk add name=VERSION` writes that exact constraint into `/etc/apk/world`, which
 * freezes the package until someone adds it unversioned again. An exact-version install is the
 * only way apk installs a pinned version (`apk upgrade` takes names only), so every install and
 * rollback here is followed, in the same remote command, by putting each touched world entry back
 * as it was: `apk add name` (or `name@tag`) when the world named it before, `apk del name` when it
 * did not (a dependency; apk keeps it installed, at the installed version, because others need
 * it). apk-world(5): "the installed version is preferred unless an upgrade is requested", so
 * neither moves the package again. The caller reads the world before and after to prove it.
 */
import { assertPackageSpecs, type PackageSpec } from './package-spec';
import type { PackageTarget } from './package-transaction';

/** apk's database of installed packages (`P:` name, `V:` version, `f:` broken flags). */
export const APK_INSTALLED_DB = '/lib/apk/db/installed';
/** The world: one constraint per line (apk-world(5)). */
export const APK_WORLD_FILE = '/etc/apk/world';
/** The package cache, when the admin enabled it (apk-cache(5)): `name-version.<hash>.apk` files. */
export const APK_CACHE_DIR = '/etc/apk/cache';
/** The lock `--wait` waits for. */
export const APK_LOCK_FILE = '/lib/apk/db/lock';

const BASE = 'LC_ALL=C apk --no-progress';
// A world entry Patchdesk puts back as it was: the bare name, optionally with a repository tag.
const UNVERSIONED_ENTRY = /^[A-Za-z0-9][A-Za-z0-9+._-]{0,200}(@[A-Za-z0-9._-]{1,64})?$/;

const TAG = /^@[A-Za-z0-9._-]{1,64}$/;

/** The repository tag (`@edge`) of a world entry, or '' when it has none. */
export function apkEntryTag(entry: string | null | undefined): string {
  const tag = entry ? (/^[^@<>=~]+(@[^<>=~]+)/.exec(entry)?.[1] ?? '') : '';
  if (tag !== '' && !TAG.test(tag)) throw new RangeError(`"${tag.slice(0, 80)}" is not a repository tag Patchdesk can pass to apk`);
  return tag;
}

/**
 * `name[@tag]=version` as apk's dependency notation writes an exact version. The world entry's
 * tag is kept: a package offered only by a tagged repository is masked for an untagged constraint.
 */
export function apkExact(target: PackageTarget, tag = ''): string {
  return `${target.name}${tag}=${target.version}`;
}

/**
 * The simulation of an upgrade (`-s`: read-only database, nothing changes). Unpinned names only:
 * `apk upgrade -s names` (only those, with what they need). With pins: `apk add -s -u` of the
 * exact versions and the unpinned names, which must all be installed already (the caller filters
 * them: `add` would install a package the host does not have). The indexes are refreshed first,
 * best effort (a simulation never refreshes them itself), so the first ring sees today's mirror.
 */
export function apkSimulateCommand(packages: readonly PackageSpec[], tags: ReadonlyMap<string, string> = new Map()): string {
  assertPackageSpecs(packages);
  for (const tag of tags.values()) if (tag !== '' && !TAG.test(tag)) throw new RangeError(`"${tag.slice(0, 80)}" is not a repository tag Patchdesk can pass to apk`);
  const refresh = `${BASE} --wait 30 update -q >/dev/null 2>&1 </dev/null;`;
  if (packages.every((spec) => spec.version === undefined)) return `${refresh} ${BASE} -s upgrade ${packages.map((spec) => spec.name).join(' ')} </dev/null`;
  const args = packages.map((spec) => (spec.version === undefined ? spec.name : apkExact({ name: spec.name, version: spec.version }, tags.get(spec.name) ?? ''))).join(' ');
  return `${refresh} ${BASE} -s add -u ${args} </dev/null`;
}

/**
 * Installs exact versions (an upgrade, or a rollback's downgrade: apk's `add` does both), then puts
 * each target's world entry back to `prior` (null: the world did not name it) wherever the add
 * changed it. Exits with the add's exit code (apk: the number of errors, 99 at most); the restore's
 * result is judged by reading the world again. The script ignores SIGHUP and SIGPIPE, so a
 * connection lost mid-way neither kills apk nor skips the restore.
 */
export function apkPinnedAddCommand(targets: readonly PackageTarget[], prior: ReadonlyMap<string, string | null>, lockTimeoutSeconds: number): string {
  assertPackageSpecs(targets);
  const wait = Math.max(0, Math.trunc(lockTimeoutSeconds));
  const restores = targets.map((target) => {
    const before = prior.get(target.name) ?? null;
    if (before !== null && !UNVERSIONED_ENTRY.test(before)) throw new RangeError(`the world entry "${before.slice(0, 80)}" of ${target.name} is versioned: Patchdesk does not override an admin's pin`);
    const put = before === null ? `${BASE} --wait ${wait} del ${target.name} </dev/null` : `${BASE} --wait ${wait} add ${before} </dev/null`;
    return `if [ "$(pd_world ${target.name})" != "${before ?? ''}" ]; then ${put}; fi`;
  });
  return [
    // A dropped connection must not stop apk mid-transaction nor skip the restore: ignore the hangup and the broken pipe.
    "trap '' HUP PIPE",
    // The world entry of a name: the line whose part before any tag or version operator is the name (no regex on the name: `+` and `.` are literal in apk names).
    `pd_world() { awk -v n="$1" '{ s = $0; sub(/[@<>=~].*/, "", s); if (s == n) { print; exit } }' ${APK_WORLD_FILE} 2>/dev/null; }`,
    `${BASE} --wait ${wait} -U add ${targets.map((target) => apkExact(target, apkEntryTag(prior.get(target.name)))).join(' ')} </dev/null; pd_rc=$?`,
    ...restores,
    'exit $pd_rc',
  ].join('\n');
}

/** The separator {@link APK_STATE_COMMAND} prints between the database and the world. */
export const APK_STATE_WORLD_MARKER = '@@world@@';
/** The names, versions and broken flags of every installed package, then the world: read-only (a missing database prints no record, which the reader refuses). */
export const APK_STATE_COMMAND = `grep -E '^([PVf]:|$)' ${APK_INSTALLED_DB}; echo '${APK_STATE_WORLD_MARKER}'; cat ${APK_WORLD_FILE} 2>/dev/null; true`;

/** apk's own repair (apk-fix(8)): with no names it reinstalls exactly the packages flagged broken. */
export function apkFixCommand(lockTimeoutSeconds: number): string {
  return `${BASE} --wait ${Math.max(0, Math.trunc(lockTimeoutSeconds))} fix </dev/null`;
}

/** The separator between `apk policy` and the cache listing. */
export const APK_CACHE_MARKER = '@@cache@@';

/** Where versions of `names` can be installed from: `apk policy` (versions per repository), then the cache's files. */
export function apkVersionSourcesCommand(names: readonly string[]): string {
  assertPackageSpecs(names.map((name) => ({ name })));
  return `${BASE} policy ${names.join(' ')} 2>/dev/null </dev/null; echo '${APK_CACHE_MARKER}'; ls -1 ${APK_CACHE_DIR}/ 2>/dev/null; true`;
}
