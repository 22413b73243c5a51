/**
 * The vetted pacman templates (execution.md §1.5 and §2.1). Arch supports full upgrades only
 * (`pacman -Syu`), so there is no "upgrade these packages" template at all: the unit of approval
 * is the host's whole pending set. The pending set is read as `checkupdates` does, syncing into a
 * throwaway database so the host's own sync database is not moved ahead of its packages. Rollback
 * installs cached package files with `pacman -U`. pacman does not wait for its lock
 * (/var/lib/pacman/db.lck); Patchdesk waits a bounded time on the host first.
 */
import { assertPackageSpecs, type PackageSpec } from './package-spec';

/** pacman's lock file: present while a pacman transaction runs (or left behind by a killed one). */
export const PACMAN_LOCK_FILE = '/var/lib/pacman/db.lck';
/** Where pacman keeps every package it downloaded (CacheDir), the rollback source. */
export const PACMAN_CACHE_DIR = '/var/cache/pacman/pkg';
/** The exit code Patchdesk's own lock wait ends with when the lock is still there. */
export const PACMAN_LOCK_WAIT_EXIT = 75;

/** Waits up to `seconds` for db.lck to go, then runs `command`; exits 75 (EX_TEMPFAIL) if it stays. */
export function waitForPacmanLock(command: string, seconds: number): string {
  const limit = Math.max(0, Math.trunc(seconds));
  return `(end=$(( $(date +%s) + ${limit} )); while [ -e ${PACMAN_LOCK_FILE} ]; do if [ "$(date +%s)" -ge "$end" ]; then echo "patchdesk: ${PACMAN_LOCK_FILE} is still there after ${limit} s" >&2; exit ${PACMAN_LOCK_WAIT_EXIT}; fi; sleep 1; done; ${command})`;
}

/**
 * The pending set, as `checkupdates` reads it: sync into a temporary database that shares the
 * host's local one, then `-Qu` against it. Prints `name old -> new` lines; `-Qu` exits 1 when
 * nothing is pending (not an error).
 */
export const PACMAN_PENDING_COMMAND =
  'T=$(mktemp -d) && ln -s /var/lib/pacman/local "$T/local" && LC_ALL=C pacman -Sy --dbpath "$T" --logfile /dev/null >/dev/null </dev/null; rc=$?; if [ $rc -ne 0 ]; then rm -rf "$T"; exit 2; fi; LC_ALL=C pacman -Qu --dbpath "$T" </dev/null; rc=$?; rm -rf "$T"; exit $rc';

/** The full upgrade: the only upgrade Arch supports. */
export function pacmanFullUpgradeCommand(lockTimeoutSeconds: number): string {
  return waitForPacmanLock('LC_ALL=C pacman -Syu --noconfirm </dev/null', lockTimeoutSeconds);
}

/** The cache file of `name` at `version` (`name-version-arch.pkg.tar.*`), as a shell glob. */
export function pacmanCacheGlob(spec: Required<PackageSpec>): string {
  return `${PACMAN_CACHE_DIR}/${spec.name}-${spec.version}-*.pkg.tar.*`;
}

/**
 * Reinstalls older versions from pacman's cache (`pacman -U`). Each glob must match exactly one
 * existing file, checked on the host first: a version no longer cached exits 3 naming it.
 */
export function pacmanRollbackCommand(targets: readonly Required<PackageSpec>[], lockTimeoutSeconds: number): string {
  assertPackageSpecs(targets);
  const checks = targets.map((target) => `set -- ${pacmanCacheGlob(target)}; if [ ! -e "$1" ] || [ $# -ne 1 ]; then echo "patchdesk: ${target.name} ${target.version} is not in ${PACMAN_CACHE_DIR}" >&2; exit 3; fi; files="$files $1"`).join('; ');
  return `(files=''; ${checks}; ${waitForPacmanLock('LC_ALL=C pacman -U --noconfirm $files </dev/null', lockTimeoutSeconds)})`;
}

/** `pacman -Q name...`: `name version` lines; exit 1 when some name is not installed. */
export function pacmanQueryCommand(names: readonly string[]): string {
  assertPackageSpecs(names.map((name) => ({ name })));
  return `LC_ALL=C pacman -Q ${names.join(' ')} 2>/dev/null`;
}
