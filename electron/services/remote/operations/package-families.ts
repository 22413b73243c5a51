/**
 * One entry per package family, so a rollout dispatches by the host's family instead of knowing
 * each package manager: preview, transaction (upgrade or rollback to exact versions) and reboot
 * detection, all in the family-neutral shapes of `package-transaction.ts`. The apt entry wraps
 * the existing apt operations unchanged (their result type is a narrower case of the shared one).
 * The windows entry drives the Windows Update Agent through a SYSTEM scheduled task
 * (`windows-family.ts`); it has only been tested against the simulated host, never real Windows.
 * `rollout` holds what a rollout needs beyond that (`family-rollout-operations.ts`, and
 * `windows-rollout-operations.ts` for Windows).
 */
import { apkPreviewUpgrade } from './apk-preview';
import { readApkRebootRequired } from './apk-reboot-required';
import { runApkTransaction } from './apk-transaction';
import { aptPreviewUpgrade } from './apt-preview';
import { runAptTransaction } from './apt-transaction';
import { dnfPreviewUpgrade, type RpmPreview } from './dnf-preview';
import { readDnfRebootRequired } from './dnf-reboot-required';
import { runDnfTransaction } from './dnf-transaction';
import { FAMILY_ROLLOUT_OPERATIONS, pacmanPreview, type FamilyRolloutOperations } from './family-rollout-operations';
import type { OperationContext } from './operation-context';
import type { FamilyRebootRequirement, PackageFamily, PackageTarget, PackageTransactionOptions, PackageTransactionResult } from './package-transaction';
import { readPacmanRebootRequired } from './pacman-reboot-required';
import { runPacmanTransaction } from './pacman-transaction';
import { readRebootRequired } from './reboot-required';
import { createWindowsFamilyOperations, SYSTEM_WUA_PACING } from './windows-family';
import { zypperPreviewInstall } from './zypper-preview';
import { readZypperRebootRequired } from './zypper-reboot-required';
import { runZypperTransaction } from './zypper-transaction';

/** What a simulated upgrade would change (apt's, dnf's, zypper's, apk's and pacman's previews in one shape). */
export type PackagePreview = RpmPreview;

/** The operations of one family. */
export interface FamilyOperations {
  /** Arch: the only upgrade is the whole pending set; the UI and the plan must not offer a subset. */
  fullUpgradeOnly: boolean;
  /** Simulates upgrading to `targets`; for pacman the host's whole pending set, `requested` marking the targets. */
  preview(context: OperationContext, targets: readonly PackageTarget[]): Promise<PackagePreview>;
  /** Upgrades to (or, with `kind: 'downgrade'`, rolls back to) exact versions, judged by three signals. */
  runTransaction(context: OperationContext, targets: readonly PackageTarget[], options: PackageTransactionOptions): Promise<PackageTransactionResult>;
  /** Reads the host's reboot-required signal after an install; `required: null` when the family has none. */
  readRebootRequired(context: OperationContext): Promise<FamilyRebootRequirement>;
  /** Rollback availability, repair, installed versions, half-installed packages (and Windows' boot identity and reboot); null: rollouts cannot use this family. */
  rollout: FamilyRolloutOperations | null;
}

/** The operations of every family, by family. */
export const PACKAGE_FAMILY_OPERATIONS: Readonly<Record<PackageFamily, FamilyOperations>> = {
  apt: {
    fullUpgradeOnly: false,
    preview: (context, targets) => aptPreviewUpgrade(context, targets),
    runTransaction: (context, targets, options) => runAptTransaction(context, targets, options),
    readRebootRequired: async (context) => ({ ...(await readRebootRequired(context)), source: '/run/reboot-required' }),
    rollout: FAMILY_ROLLOUT_OPERATIONS.apt,
  },
  dnf: {
    fullUpgradeOnly: false,
    preview: (context, targets) => dnfPreviewUpgrade(context, targets),
    runTransaction: (context, targets, options) => runDnfTransaction(context, targets, options),
    readRebootRequired: (context) => readDnfRebootRequired(context),
    rollout: FAMILY_ROLLOUT_OPERATIONS.dnf,
  },
  zypper: {
    fullUpgradeOnly: false,
    preview: (context, targets) => zypperPreviewInstall(context, targets),
    runTransaction: (context, targets, options) => runZypperTransaction(context, targets, options),
    readRebootRequired: (context) => readZypperRebootRequired(context),
    rollout: FAMILY_ROLLOUT_OPERATIONS.zypper,
  },
  apk: {
    fullUpgradeOnly: false,
    preview: (context, targets) => apkPreviewUpgrade(context, targets),
    runTransaction: (context, targets, options) => runApkTransaction(context, targets, options),
    readRebootRequired: (context) => readApkRebootRequired(context),
    rollout: FAMILY_ROLLOUT_OPERATIONS.apk,
  },
  pacman: {
    fullUpgradeOnly: true,
    preview: (context, targets) => pacmanPreview(context, targets),
    runTransaction: (context, targets, options) => runPacmanTransaction(context, targets, options),
    readRebootRequired: (context) => readPacmanRebootRequired(context),
    rollout: FAMILY_ROLLOUT_OPERATIONS.pacman,
  },
  windows: createWindowsFamilyOperations(SYSTEM_WUA_PACING),
};
