/**
 * Package names and versions as they go into a command line. They come from hosts' own output
 * and from plans, so they are checked against what Debian and RPM allow before any command is
 * built: a name or version that could carry shell syntax is refused, never quoted around.
 */

/** One package, optionally pinned to an exact version. */
export interface PackageSpec {
  name: string;
  /** Exact version to install (`pkg=version` for apt); absent means the candidate. */
  version?: string;
}

// Debian policy §5.6.1 (names) and §5.6.12 (versions), widened slightly for RPM names (`_`, upper case).
const NAME = /^[A-Za-z0-9][A-Za-z0-9+._-]{0,200}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+~:_-]{0,200}$/;

/** Why a spec cannot go into a command, or undefined when it can. */
export function packageSpecProblem(spec: PackageSpec): string | undefined {
  if (!NAME.test(spec.name)) return `"${spec.name.slice(0, 80)}" is not a valid package name`;
  if (spec.version !== undefined && !VERSION.test(spec.version)) return `"${spec.version.slice(0, 80)}" is not a valid version of ${spec.name}`;
  return undefined;
}

/** Throws a RangeError naming the first unusable spec; an empty list is refused too. */
export function assertPackageSpecs(specs: readonly PackageSpec[]): void {
  if (specs.length === 0) throw new RangeError('no packages given');
  for (const spec of specs) {
    const problem = packageSpecProblem(spec);
    if (problem) throw new RangeError(problem);
  }
}
