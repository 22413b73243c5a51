/**
 * The one vetted zypper template (execution.md §1.3): global options before the command
 * (`--non-interactive`, and `--non-interactive-include-reboot-patches`, without which `patch`
 * silently skips reboot-suggested patches and still exits 0), the C locale, stdin closed, a
 * bounded retry while another process holds the zypp lock (exit 7), and `--oldpackage` for a
 * rollback (without it a downgrade is a silent no-op with exit 0). Plus the exit-code table.
 */
import { assertAdvisories } from './dnf-command';
import { assertPackageSpecs, type PackageSpec } from './package-spec';
import { retryWhileLocked } from './package-transaction';

/** zypper's exit codes (man zypper 1.14.42, "EXIT CODES"). Codes of 100 and above are success with information. */
export const ZYPPER_EXIT_CODES: Readonly<Record<number, string>> = {
  0: 'ZYPPER_EXIT_OK',
  1: 'ZYPPER_EXIT_ERR_BUG',
  2: 'ZYPPER_EXIT_ERR_SYNTAX',
  3: 'ZYPPER_EXIT_ERR_INVALID_ARGS',
  4: 'ZYPPER_EXIT_ERR_ZYPP',
  5: 'ZYPPER_EXIT_ERR_PRIVILEGES',
  6: 'ZYPPER_EXIT_NO_REPOS',
  7: 'ZYPPER_EXIT_ZYPP_LOCKED',
  8: 'ZYPPER_EXIT_ERR_COMMIT',
  100: 'ZYPPER_EXIT_INF_UPDATE_NEEDED',
  101: 'ZYPPER_EXIT_INF_SEC_UPDATE_NEEDED',
  102: 'ZYPPER_EXIT_INF_REBOOT_NEEDED',
  103: 'ZYPPER_EXIT_INF_RESTART_NEEDED',
  104: 'ZYPPER_EXIT_INF_CAP_NOT_FOUND',
  105: 'ZYPPER_EXIT_ON_SIGNAL',
  106: 'ZYPPER_EXIT_INF_REPOS_SKIPPED',
  107: 'ZYPPER_EXIT_INF_RPM_SCRIPT_FAILED',
};

/** Every code zypper defines: a run expects them all and lets {@link zypperExitMeaning} judge. */
export const ZYPPER_EXIT_ANSWERS: readonly number[] = Object.keys(ZYPPER_EXIT_CODES).map(Number);

/** zypper's "the zypp lock is held" code: retried, then reported with the holder. */
export const ZYPPER_LOCKED_EXIT = 7;

/** What an exit code means for a run that installs or removes packages. */
export interface ZypperExitMeaning {
  code: number;
  name: string;
  /** The transaction ran (possibly with one of the flags below). */
  committed: boolean;
  /** 102: a patch that needs a reboot was installed. Persist it: `needs-rebooting` may not say so later. */
  rebootNeeded: boolean;
  /** 103: the package manager itself was updated; run again for the rest. */
  runAgain: boolean;
  /** 106: a repository could not be refreshed and was skipped for this run. */
  reposSkipped: boolean;
  /** 107: installed, but a %post (or other RPM) script failed. */
  scriptFailed: boolean;
}

/** Interprets a zypper exit code as execution.md §1.3 says: 0 and 102/103/106/107 ran; the rest did not. */
export function zypperExitMeaning(code: number): ZypperExitMeaning {
  return {
    code,
    name: ZYPPER_EXIT_CODES[code] ?? `unknown exit code ${code}`,
    committed: code === 0 || code === 102 || code === 103 || code === 106 || code === 107,
    rebootNeeded: code === 102,
    runAgain: code === 103,
    reposSkipped: code === 106,
    scriptFailed: code === 107,
  };
}

/** What kind of zypper run to build. */
export type ZypperAction = 'preview-install' | 'upgrade' | 'downgrade';

/** Options of {@link zypperCommand}. */
export interface ZypperCommandOptions {
  lockTimeoutSeconds: number;
}

const GLOBAL = 'LC_ALL=C zypper --non-interactive --non-interactive-include-reboot-patches';

/** `name=[epoch:]version-release`, or the bare name. */
export function zypperPackageArgument(spec: PackageSpec): string {
  return spec.version === undefined ? spec.name : `${spec.name}=${spec.version}`;
}

/**
 * The zypper command line for `action` on `packages` (validated). `upgrade` installs the exact
 * versions; `downgrade` adds `--oldpackage`; `preview-install` is a `--dry-run --details`.
 */
export function zypperCommand(action: ZypperAction, packages: readonly PackageSpec[], options: ZypperCommandOptions): string {
  assertPackageSpecs(packages);
  const args = packages.map(zypperPackageArgument).join(' ');
  switch (action) {
    case 'preview-install':
      return `${GLOBAL} install --dry-run --details --auto-agree-with-licenses --no-recommends ${args} </dev/null`;
    case 'upgrade':
      return retryWhileLocked(`${GLOBAL} install --auto-agree-with-licenses --no-recommends ${args} </dev/null`, ZYPPER_LOCKED_EXIT, options.lockTimeoutSeconds);
    case 'downgrade':
      return retryWhileLocked(`${GLOBAL} install --auto-agree-with-licenses --no-recommends --oldpackage ${args} </dev/null`, ZYPPER_LOCKED_EXIT, options.lockTimeoutSeconds);
  }
}

/** Installs named patches (advisories), `install -t patch ID...`, reboot-suggested ones included. */
export function zypperPatchCommand(advisories: readonly string[], options: ZypperCommandOptions & { dryRun?: boolean }): string {
  if (advisories.length === 0) throw new RangeError('no advisories given');
  assertAdvisories(advisories);
  const dry = options.dryRun ? ' --dry-run --details' : '';
  const command = `${GLOBAL} install${dry} --auto-agree-with-licenses -t patch ${advisories.join(' ')} </dev/null`;
  return options.dryRun ? command : retryWhileLocked(command, ZYPPER_LOCKED_EXIT, options.lockTimeoutSeconds);
}

/** Who holds the zypp lock, from `System management is locked by the application with pid N (name)`. */
export function zypperLockHolder(output: string): { pid: number; process: string } | null {
  const match = /locked by the application with pid (\d+) \(([^)]*)\)/.exec(output);
  return match?.[1] ? { pid: Number(match[1]), process: match[2] ?? 'unknown' } : null;
}

/** `zypper needs-rebooting`: exit 102 when libzypp's reboot-needed flag is set, 0 when not. */
export const ZYPPER_NEEDS_REBOOTING_COMMAND = 'LC_ALL=C zypper --non-interactive needs-rebooting </dev/null';
