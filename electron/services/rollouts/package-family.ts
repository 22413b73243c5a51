/**
 * The package-manager operations a rollout needs, per family, behind one interface. Preview,
 * transaction and reboot signal come from the one dispatch table of the remote operations
 * (`PACKAGE_FAMILY_OPERATIONS`); what a rollout needs beyond it (rollback availability, repair of
 * a half-done run, installed versions, half-installed packages) is added per family here. Only
 * apt has those so far, so only apt hosts are offered to rollouts; dnf, zypper, pacman and
 * Windows join `FAMILIES` once theirs exist. The rollout code never names a package manager.
 */
import { aptPreviewUpgrade } from '../remote/operations/apt-preview';
import { dpkgConfigurePending } from '../remote/operations/apt-transaction';
import { PACKAGE_FAMILY_OPERATIONS } from '../remote/operations/package-families';
import { aptVersionSources, type VersionSource } from '../remote/operations/apt-version-availability';
import { dpkgPackageStates, dpkgUnfinishedPackages } from '../remote/operations/dpkg-versions';
import type { OperationContext } from '../remote/operations/operation-context';
import type { PackageSpec } from '../remote/operations/package-spec';
import type { RebootRequirement } from '../remote/operations/reboot-required';

/** One change a simulated transaction would make. */
export interface PlannedChange {
  name: string;
  from: string | null;
  /** Empty for a removal. */
  to: string;
  kind: 'upgrade' | 'new' | 'remove';
  requested: boolean;
}

/** One package's move, as judged after a transaction. */
export interface JudgedMove {
  name: string;
  from: string | null;
  to: string;
  after: string | null;
}

/** A transaction's judged outcome (exit code, the package manager's record and a version check). */
export type TransactionOutcome =
  | { outcome: 'done' | 'nothing_to_do'; moves: JudgedMove[]; outputTail: string }
  | { outcome: 'failed'; reason: 'lock_held' | 'maintainer_script_failed' | 'version_unavailable' | 'not_at_target' | 'error'; message: string; moves: JudgedMove[]; outputTail: string };

/** What a rollout asks of a host's package manager. */
export interface PackageFamilyOperations {
  readonly family: string;
  /** Simulates upgrading `packages` (pinned where a version is given). */
  preview(context: OperationContext, packages: readonly PackageSpec[]): Promise<{ changes: PlannedChange[]; removals: string[] }>;
  /** Where each exact version could be installed from now (`name=version` keys). */
  versionSources(context: OperationContext, wanted: readonly { name: string; version: string }[]): Promise<Map<string, VersionSource>>;
  /** Installs exact versions: an upgrade, or a rollback's downgrade. */
  install(context: OperationContext, targets: readonly { name: string; version: string }[], options: { kind: 'upgrade' | 'downgrade'; lockTimeoutSeconds: number; timeoutMs: number }): Promise<TransactionOutcome>;
  /** Finishes what a failed run left half-done (dpkg --configure -a and its kin). */
  recover(context: OperationContext, timeoutMs: number): Promise<string>;
  /** Installed version of each name (absent: not installed). */
  installedVersions(context: OperationContext, names: readonly string[]): Promise<Map<string, { version: string; complete: boolean }>>;
  /** Packages left half-installed. */
  unfinished(context: OperationContext): Promise<string[]>;
  /** Whether the host asks for a reboot now. */
  rebootRequired(context: OperationContext): Promise<RebootRequirement>;
}

const tail = (text: string, lines = 20) => text.trim().split('\n').slice(-lines).join('\n');

const shared = PACKAGE_FAMILY_OPERATIONS.apt;

/** The apt family (Debian, Ubuntu). */
export const aptFamily: PackageFamilyOperations = {
  family: 'apt',
  // The table's preview takes pinned targets only; the first ring's preview asks apt for its candidates.
  preview: (context, packages) => aptPreviewUpgrade(context, packages),
  versionSources: (context, wanted) => aptVersionSources(context, wanted),
  async install(context, targets, options) {
    const result = await shared.runTransaction(context, targets, options);
    const moves = result.moves.map((move) => ({ name: move.name, from: move.from, to: move.to, after: move.after }));
    const outputTail = result.output ? tail(`${result.output.stdout}\n${result.output.stderr}`) : '';
    if (result.outcome !== 'failed') return { outcome: result.outcome, moves, outputTail };
    const reason = result.reason === 'lock_held' || result.reason === 'maintainer_script_failed' || result.reason === 'version_unavailable' || result.reason === 'not_at_target' ? result.reason : 'error';
    return { outcome: 'failed', reason, message: result.message, moves, outputTail };
  },
  async recover(context, timeoutMs) {
    const output = await dpkgConfigurePending(context, timeoutMs);
    return tail(`${output.stdout}\n${output.stderr}`);
  },
  async installedVersions(context, names) {
    const states = await dpkgPackageStates(context, names);
    return new Map([...states].map(([name, state]) => [name, { version: state.version, complete: state.configured }]));
  },
  unfinished: (context) => dpkgUnfinishedPackages(context),
  async rebootRequired(context) {
    const signal = await shared.readRebootRequired(context);
    return { required: signal.required === true, packages: signal.packages };
  },
};

/** Families by the package manager a collection reported. */
const FAMILIES: Record<string, PackageFamilyOperations> = { apt: aptFamily, dpkg: aptFamily };

/** The operations for a host whose collection reported `packageManager`; undefined when rollouts do not support it yet. */
export function familyFor(packageManager: string): PackageFamilyOperations | undefined {
  return FAMILIES[packageManager.trim().toLowerCase()];
}
