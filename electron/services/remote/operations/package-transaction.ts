/**
 * The one shape every family's package transaction answers in, so a rollout can dispatch by
 * family: apt (`runAptTransaction`), dnf (`runDnfTransaction`), zypper (`runZypperTransaction`),
 * apk (`runApkTransaction`) and pacman (`runPacmanTransaction`) all take the same targets and options and resolve with a
 * {@link PackageTransactionResult}. apt's own result type is a narrower case of it.
 */
import type { RemoteOutput } from '../executor/remote-error';
import type { PackageMove } from './apt-transaction';

export type { PackageMove };

/** The package families Patchdesk drives. */
export type PackageFamily = 'apt' | 'dnf' | 'zypper' | 'apk' | 'pacman' | 'windows';

/**
 * Why a transaction failed. `maintainer_script_failed` covers dpkg's postinst, RPM's %post (dnf
 * exits 0 and flags the history entry EE; zypper exits 107) and pacman's install scriptlets
 * (exit 0, `error: command failed to execute correctly`) and apk's (exit 1, the package flagged
 * broken in /lib/apk/db/installed): the package may be at its new version,
 * but whatever its script should have done did not happen.
 */
export type PackageFailureReason =
  | 'lock_held'
  | 'maintainer_script_failed'
  | 'version_unavailable'
  | 'not_at_target'
  | 'apt_error'
  | 'package_manager_error'
  /** pacman: the approved set is not the host's whole pending set (partial upgrades are unsupported on Arch). */
  | 'partial_upgrade_refused'
  /** Windows: a reboot is pending (WUA refuses to install), or one is needed before the next round. */
  | 'reboot_pending'
  /** Windows rollback: WUA marks the KB not uninstallable (servicing stack updates, for one). */
  | 'not_uninstallable';

/** A reboot the transaction itself signalled (zypper 102), to persist: later probes may not see it. */
export interface InstallRebootSignal {
  required: true;
  source: string;
}

/** The judged outcome of one transaction. */
export type PackageTransactionResult =
  | {
      outcome: 'done' | 'nothing_to_do';
      moves: PackageMove[];
      output: RemoteOutput | null;
      /** Things that went right with a remark (zypper 106 repositories skipped, a conffile kept as .rpmnew/.pacnew). */
      warnings?: string[];
      reboot?: InstallRebootSignal;
    }
  | {
      outcome: 'failed';
      reason: PackageFailureReason;
      message: string;
      lockHolder?: { pid: number; process: string };
      moves: PackageMove[];
      output: RemoteOutput | null;
      /** Side effects left on the host besides the failure (an apk world pin that could not be put back). */
      warnings?: string[];
      reboot?: InstallRebootSignal;
    };

/** Options every family's transaction takes (apt's `AptTransactionOptions` is the same). */
export interface PackageTransactionOptions {
  /** `upgrade` to newer exact versions, or `downgrade` to the recorded older ones (a rollback). */
  kind: 'upgrade' | 'downgrade';
  /** Seconds to wait for another process's package-manager lock before failing (naming the holder when the family says who). */
  lockTimeoutSeconds: number;
  timeoutMs: number;
  /** Reboots the host and waits for it, for a family that installs in rounds across reboots (Windows); others ignore it. */
  reboot?: () => Promise<void>;
}

/** An exact target: `version` as the family writes it (dpkg `1.1`, RPM `1.1-1` or `1:1.1-1`, apk `1.1-r0`, pacman `1.1-1`). */
export interface PackageTarget {
  name: string;
  version: string;
}

/** The moves of `targets` given the versions before and after (null: not installed / not read). */
export function packageMoves(targets: readonly PackageTarget[], before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string> | null): PackageMove[] {
  return targets.map((target) => ({ name: target.name, from: before.get(target.name) ?? null, to: target.version, after: after?.get(target.name) ?? null, afterStatus: null }));
}

/** "a is at 1.0, not 1.1; b is at nothing, not 2.0" for the moves that missed their target; empty when all hit. */
export function missedTargets(moves: readonly PackageMove[]): string {
  return moves
    .filter((move) => move.after !== move.to)
    .map((move) => `${move.name} is at ${move.after ?? 'nothing'}, not ${move.to}`)
    .join('; ');
}

/**
 * A shell fragment that runs `command` again while it exits with `lockedCode` (the family's "someone
 * else holds the lock"), for at most `seconds`, then exits with the last code. The wait runs on
 * the host, so no round trip per attempt; dnf waits forever by default and zypper and pacman not
 * at all, so Patchdesk bounds it the same way for all three.
 */
export function retryWhileLocked(command: string, lockedCode: number, seconds: number): string {
  const limit = Math.max(0, Math.trunc(seconds));
  return `(end=$(( $(date +%s) + ${limit} )); while :; do ${command}; rc=$?; if [ "$rc" -ne ${lockedCode} ] || [ "$(date +%s)" -ge "$end" ]; then exit "$rc"; fi; sleep 1; done)`;
}

/**
 * Whether a host asks for a reboot, per family: `required` is null when the family has no signal
 * to read (Arch), never a guessed false. apt's `RebootRequirement` is the same without `source`.
 */
export interface FamilyRebootRequirement {
  required: boolean | null;
  /** Packages or services named as the reason, when the host names them. */
  packages: string[];
  /** What was read: `/run/reboot-required`, `dnf needs-restarting -r`, `zypper needs-rebooting`, ... */
  source: string;
}
