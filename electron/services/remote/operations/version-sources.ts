/**
 * Where the versions a rollback returns to can come from, for families that list a package's
 * versions per repository (dnf `list --showduplicates`, zypper `search -s`): the one answer shape
 * of `apt-version-availability.ts`, keyed `name=version`.
 */
import type { VersionSource } from './apt-version-availability';
import type { RpmVersionAvailability } from './dnf-available-versions';
import type { PackageTarget } from './package-transaction';

/** `repository` when a repository still offers the exact version, else `none` (rpm families keep no package cache by default). */
export function versionSourcesFromListing(wanted: readonly PackageTarget[], listing: ReadonlyMap<string, RpmVersionAvailability>): Map<string, VersionSource> {
  return new Map(wanted.map((item) => [`${item.name}=${item.version}`, listing.get(item.name)?.available.includes(item.version) ? 'repository' : 'none']));
}
