/**
 * The one vetted dnf template (execution.md §1.2): the C locale, `-y` with stdin closed, fresh
 * metadata (`--refresh`: cached metadata otherwise misses a version just published), and a bounded
 * wait for another dnf: dnf waits forever by default (`exit_on_lock=False`), so Patchdesk asks it
 * to exit 200 at once and retries on the host until the limit. Every dnf operation builds its
 * command line here.
 */
import { assertPackageSpecs, type PackageSpec } from './package-spec';
import { retryWhileLocked } from './package-transaction';

/** dnf's exit code for "could not take the lock" (man dnf, "Return values"). */
export const DNF_LOCKED_EXIT = 200;

/** What kind of dnf run to build. */
export type DnfAction = 'preview-upgrade' | 'upgrade' | 'downgrade';

/** Options of {@link dnfCommand}. */
export interface DnfCommandOptions {
  lockTimeoutSeconds: number;
  /** Only updates in these advisories (`--advisory=`), still limited to the named packages. */
  advisories?: readonly string[];
}

const ADVISORY = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,100}$/;
const BASE = `LC_ALL=C dnf --refresh --setopt=exit_on_lock=True`;

/** `name-[epoch:]version-release`, or the bare name. */
export function dnfPackageArgument(spec: PackageSpec): string {
  return spec.version === undefined ? spec.name : `${spec.name}-${spec.version}`;
}

/** Throws a RangeError for an advisory id that could carry shell syntax. */
export function assertAdvisories(ids: readonly string[]): void {
  for (const id of ids) if (!ADVISORY.test(id)) throw new RangeError(`"${id.slice(0, 80)}" is not a valid advisory id`);
}

/**
 * The dnf command line for `action` on `packages` (validated). `preview-upgrade` answers with the
 * transaction table and exits 1 (`--assumeno`: "Operation aborted."); `upgrade` moves installed
 * packages to the named NEVRAs (optionally only within `advisories`); `downgrade` is the rollback.
 */
export function dnfCommand(action: DnfAction, packages: readonly PackageSpec[], options: DnfCommandOptions): string {
  assertPackageSpecs(packages);
  const advisories = options.advisories ?? [];
  assertAdvisories(advisories);
  const args = packages.map(dnfPackageArgument).join(' ');
  const advisory = advisories.map((id) => ` --advisory=${id}`).join('');
  switch (action) {
    case 'preview-upgrade':
      return `${BASE} --assumeno upgrade${advisory} ${args} </dev/null`;
    case 'upgrade':
      return retryWhileLocked(`${BASE} -y upgrade${advisory} ${args} </dev/null`, DNF_LOCKED_EXIT, options.lockTimeoutSeconds);
    case 'downgrade':
      return retryWhileLocked(`${BASE} -y downgrade ${args} </dev/null`, DNF_LOCKED_EXIT, options.lockTimeoutSeconds);
  }
}

/** `dnf history undo ID`: reverses one recorded transaction (needs the old packages to be downloadable). */
export function dnfHistoryUndoCommand(transactionId: number, lockTimeoutSeconds: number): string {
  if (!Number.isInteger(transactionId) || transactionId < 1) throw new RangeError(`${transactionId} is not a dnf transaction id`);
  return retryWhileLocked(`${BASE} -y history undo ${transactionId} </dev/null`, DNF_LOCKED_EXIT, lockTimeoutSeconds);
}

/**
 * `dnf history info last`: the record a run is judged by. It reads under dnf's lock too, so it is
 * told to exit 200 rather than wait forever behind another dnf.
 */
export const DNF_HISTORY_LAST_COMMAND = 'LC_ALL=C dnf -q --setopt=exit_on_lock=True history info last </dev/null';

/** Every version of named packages the host has or can get (`list --showduplicates`): is a rollback possible now? */
export function dnfListVersionsCommand(names: readonly string[]): string {
  assertPackageSpecs(names.map((name) => ({ name })));
  return `LC_ALL=C dnf -q --refresh --setopt=exit_on_lock=True list --showduplicates ${names.join(' ')} </dev/null`;
}

/** The pid in dnf's `rpmdb already locked by 1234`; null when the output says nothing of a lock. */
export function dnfLockHolderPid(output: string): number | null {
  const match = /already locked by (\d+)/.exec(output);
  return match?.[1] ? Number(match[1]) : null;
}
