/**
 * The one vetted apt-get template (execution.md §1.1): no prompts, no PTY, the C locale, locally
 * modified conffiles kept, needrestart in list mode, and a bounded wait for the dpkg lock instead
 * of failing at once. Every apt operation builds its command line here.
 */
import { assertPackageSpecs, type PackageSpec } from './package-spec';

const ENVIRONMENT = 'DEBIAN_FRONTEND=noninteractive DEBIAN_PRIORITY=critical NEEDRESTART_MODE=l LC_ALL=C';
const DPKG_OPTIONS = '-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o Dpkg::Use-Pty=0';

/** What kind of apt-get transaction to build. */
export type AptAction = 'simulate-upgrade' | 'upgrade' | 'downgrade';

/** Options of {@link aptGetCommand}. */
export interface AptCommandOptions {
  /** Seconds apt-get waits for another process's dpkg lock before it fails. */
  lockTimeoutSeconds: number;
}

/** `pkg` or `pkg=version`. */
export function aptPackageArgument(spec: PackageSpec): string {
  return spec.version === undefined ? spec.name : `${spec.name}=${spec.version}`;
}

/**
 * The apt-get command line for `action` on `packages` (validated: a bad name throws RangeError).
 * `upgrade` touches installed packages only (`--only-upgrade`); `downgrade` installs the exact
 * older versions a rollback needs (`--allow-downgrades`, which `-y` otherwise refuses).
 */
export function aptGetCommand(action: AptAction, packages: readonly PackageSpec[], options: AptCommandOptions): string {
  assertPackageSpecs(packages);
  const lock = `-o DPkg::Lock::Timeout=${Math.max(0, Math.trunc(options.lockTimeoutSeconds))}`;
  const args = packages.map(aptPackageArgument).join(' ');
  switch (action) {
    case 'simulate-upgrade':
      return `${ENVIRONMENT} apt-get -s install --only-upgrade -q ${lock} ${args} </dev/null`;
    case 'upgrade':
      return `${ENVIRONMENT} apt-get install --only-upgrade -y -q ${DPKG_OPTIONS} ${lock} ${args} </dev/null`;
    case 'downgrade':
      return `${ENVIRONMENT} apt-get install -y -q --allow-downgrades ${DPKG_OPTIONS} ${lock} ${args} </dev/null`;
  }
}

/** `dpkg --configure -a` with the same conffile rules: finishes what an interrupted or failed run left half-done. */
export function dpkgConfigurePendingCommand(): string {
  return `${ENVIRONMENT} dpkg --configure -a --force-confdef --force-confold </dev/null`;
}

/** Who holds the dpkg lock, from apt-get's `It is held by process N (name)`; null when it says nothing of a lock. */
export function aptLockHolder(output: string): { pid: number; process: string } | null {
  const held = /Could not get lock (\S+)\. It is held by process (\d+) \(([^)]*)\)/.exec(output);
  if (held?.[2]) return { pid: Number(held[2]), process: held[3] ?? '' };
  if (/Could not get lock|Unable to acquire the dpkg frontend lock/.test(output)) return { pid: 0, process: 'unknown' };
  return null;
}
