/**
 * The package-manager operations a rollout needs, per family, behind one interface. Preview,
 * transaction and reboot signal come from the one dispatch table of the remote operations
 * (`PACKAGE_FAMILY_OPERATIONS`); what a rollout needs beyond it (rollback availability, repair of
 * a half-done run, installed versions, half-installed packages) comes from the same table's
 * `rollout` entry: apt, dnf, zypper, apk, pacman and Windows (its KBs are present or absent rather than
 * versions, its boot identity and reboot its own). The rollout code never names a package manager.
 */
import type { VersionSource } from '../remote/operations/apt-version-availability';
import type { RpmPreview } from '../remote/operations/dnf-preview';
import { PACKAGE_FAMILY_OPERATIONS, type FamilyOperations } from '../remote/operations/package-families';
import type { PackageFamily } from '../remote/operations/package-transaction';
import type { OperationContext } from '../remote/operations/operation-context';
import type { PackageSpec } from '../remote/operations/package-spec';
import type { RebootOptions, RebootResult } from '../remote/operations/reboot-host';
import type { RebootRequirement } from '../remote/operations/reboot-required';

/** One change a simulated transaction would make. */
export interface PlannedChange {
  name: string;
  from: string | null;
  /** Empty for a removal. */
  to: string;
  /** `downgrade`: the rpm solver would move a dependency back (shown; never approved by itself). */
  kind: 'upgrade' | 'new' | 'remove' | 'downgrade';
  requested: boolean;
  /** The package manager's own title (Windows Update's, of a KB). */
  title?: string;
  /** How a rollback would undo it, when the family decides that itself (Windows: KB uninstall, or why not). */
  rollback?: { available: boolean; source: string };
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
  | { outcome: 'failed'; reason: 'lock_held' | 'maintainer_script_failed' | 'version_unavailable' | 'not_at_target' | 'not_possible' | 'error'; message: string; moves: JudgedMove[]; outputTail: string };

/** What a rollout asks of a host's package manager. */
export interface PackageFamilyOperations {
  readonly family: string;
  /**
   * Simulates upgrading `packages` (pinned where a version is given). `rollbackSources`: where
   * some changes' installed versions can come from (as {@link versionSources}), when the family
   * answered that in the same remote call; the changes it leaves out are asked separately.
   */
  preview(context: OperationContext, packages: readonly PackageSpec[]): Promise<{ changes: PlannedChange[]; removals: string[]; problem?: string; rollbackSources?: Map<string, VersionSource>; rebootExpected?: boolean | null }>;
  /** Where each exact version could be installed from now (`name=version` keys). */
  versionSources(context: OperationContext, wanted: readonly { name: string; version: string }[]): Promise<Map<string, VersionSource>>;
  /** Installs exact versions: an upgrade, or a rollback's downgrade. */
  install(context: OperationContext, targets: readonly { name: string; version: string }[], options: { kind: 'upgrade' | 'downgrade'; lockTimeoutSeconds: number; timeoutMs: number; reboot?: () => Promise<void> }): Promise<TransactionOutcome>;
  /** Finishes what a failed run left half-done (dpkg --configure -a and its kin). */
  recover(context: OperationContext, timeoutMs: number): Promise<string>;
  /** Installed version of each name (absent: not installed). */
  installedVersions(context: OperationContext, names: readonly string[]): Promise<Map<string, { version: string; complete: boolean }>>;
  /** Packages left half-installed. */
  unfinished(context: OperationContext): Promise<string[]>;
  /** Whether the host asks for a reboot now. */
  rebootRequired(context: OperationContext): Promise<RebootRequirement>;
  /** The boot identity a reboot must change; absent: Linux's boot id. */
  bootId?(context: OperationContext): Promise<string>;
  /** Reboots and waits for a new boot identity; absent: Linux's `rebootHost`. */
  reboot?(context: OperationContext, options: Omit<RebootOptions, 'readinessCommand'>): Promise<RebootResult>;
  /** Updates are present or absent, not versions (Windows KBs): see `FamilyRolloutOperations.presence`. */
  presence?: boolean;
}

const tail = (text: string, lines = 20) => text.trim().split('\n').slice(-lines).join('\n');

/**
 * Why a full-upgrade-only family (Arch) cannot take this plan: every pending package must be in
 * it, at the version it pins (a later ring pins the test ring's version; a moved mirror differs),
 * and nothing in it may be missing from the pending set. Null when the plan is the pending set.
 */
export function fullUpgradeProblem(packages: readonly PackageSpec[], preview: RpmPreview): string | null {
  const pending = new Map(preview.changes.map((change) => [change.name, change.to]));
  const wanted = new Map(packages.map((spec) => [spec.name, spec.version]));
  const problems: string[] = [];
  for (const [name, to] of pending) {
    if (!wanted.has(name)) problems.push(`${name} ${to} is pending but not in the plan`);
    else if ((wanted.get(name) ?? to) !== to) problems.push(`${name} would go to ${to}, not the pinned ${wanted.get(name) ?? ''}`);
  }
  for (const name of wanted.keys()) if (!pending.has(name)) problems.push(`${name} is in the plan but not pending`);
  return problems.length > 0 ? `full upgrades only (partial upgrades are unsupported on Arch), and this plan is not the host's pending set: ${problems.join('; ')}` : null;
}

/** The rollout operations of `family` from the one table; undefined when the family has none. */
export function familyFromTable(family: PackageFamily): PackageFamilyOperations | undefined {
  return familyFromOperations(family, PACKAGE_FAMILY_OPERATIONS[family]);
}

/** The rollout operations over one family's table entry (tests pass one paced by their own clock). */
export function familyFromOperations(family: PackageFamily, shared: FamilyOperations): PackageFamilyOperations | undefined {
  const extras = shared.rollout;
  if (!extras) return undefined;
  return {
    family,
    async preview(context, packages) {
      // The table's `preview` takes pinned targets only; the first ring's preview asks for the candidates.
      const simulated = await extras.previewCandidates(context, packages);
      const problem = shared.fullUpgradeOnly ? fullUpgradeProblem(packages, simulated) : null;
      return problem === null ? simulated : { ...simulated, problem };
    },
    versionSources: (context, wanted) => extras.versionSources(context, wanted),
    async install(context, targets, options) {
      const result = await shared.runTransaction(context, targets, options);
      const moves = result.moves.map((move) => ({ name: move.name, from: move.from, to: move.to, after: move.after }));
      // Warnings (a kept config file, an apk world pin left behind) lead the host's notes: the tail alone may miss them.
      const outputTail = [...(result.warnings ?? []).map((warning) => `warning: ${warning}`), result.output ? tail(`${result.output.stdout}\n${result.output.stderr}`) : ''].filter((line) => line !== '').join('\n');
      if (result.outcome !== 'failed') return { outcome: result.outcome, moves, outputTail };
      const reason = result.reason === 'lock_held' || result.reason === 'maintainer_script_failed' || result.reason === 'version_unavailable' || result.reason === 'not_at_target' ? result.reason : result.reason === 'not_uninstallable' ? 'not_possible' : 'error';
      return { outcome: 'failed', reason, message: result.message, moves, outputTail };
    },
    async recover(context, timeoutMs) {
      const repair = await extras.repair(context, timeoutMs);
      return tail(repair.output);
    },
    installedVersions: (context, names) => extras.installedVersions(context, names),
    unfinished: (context) => extras.unfinished(context),
    async rebootRequired(context) {
      const signal = await shared.readRebootRequired(context);
      // A family with no signal (Arch: null) is not "required"; the `always` policy covers it.
      return { required: signal.required === true, packages: signal.packages };
    },
    ...(extras.bootIdentity ? { bootId: extras.bootIdentity } : {}),
    ...(extras.reboot ? { reboot: extras.reboot } : {}),
    ...(extras.presence ? { presence: true } : {}),
  };
}

const fromTable = (family: PackageFamily): PackageFamilyOperations => {
  const operations = familyFromTable(family);
  if (!operations) throw new Error(`the package family table has no rollout operations for ${family}`);
  return operations;
};

/** The apt family (Debian, Ubuntu). */
export const aptFamily: PackageFamilyOperations = fromTable('apt');
const dnfFamily = fromTable('dnf');
const zypperFamily = fromTable('zypper');
const apkFamily = fromTable('apk');
const pacmanFamily = fromTable('pacman');
const windowsFamily = fromTable('windows');

/** Families by the package manager a collection reported (`windows-update`: the Windows collector's). */
const FAMILIES: Record<string, PackageFamilyOperations> = { apt: aptFamily, dpkg: aptFamily, dnf: dnfFamily, yum: dnfFamily, zypper: zypperFamily, apk: apkFamily, pacman: pacmanFamily, 'windows-update': windowsFamily };

/** The operations for a host whose collection reported `packageManager`; undefined when rollouts do not support it yet. */
export function familyFor(packageManager: string): PackageFamilyOperations | undefined {
  return FAMILIES[packageManager.trim().toLowerCase()];
}
