/**
 * What a rollout needs from a package family beyond preview, transaction and reboot signal:
 * a preview whose versions may be left to the package manager (the first ring), where the old
 * versions a rollback returns to can come from, the family's repair of a half-done run, the
 * installed versions, and the packages left half-installed. Each family answers honestly where
 * it has no such thing (no repair step, no half-installed state) and says why.
 */
import { apkFixCommand } from './apk-command';
import { apkUnfinishedPackages, readApkState } from './apk-installed';
import { apkPreviewUpgrade } from './apk-preview';
import { apkVersionSources } from './apk-version-sources';
import { aptPreviewUpgrade } from './apt-preview';
import { dpkgConfigurePending } from './apt-transaction';
import { aptVersionSources, type VersionSource } from './apt-version-availability';
import { dnfVersionAvailability } from './dnf-available-versions';
import { dnfPreviewUpgrade, type RpmChange, type RpmPreview } from './dnf-preview';
import { dpkgPackageStates, dpkgUnfinishedPackages } from './dpkg-versions';
import { runOn, type OperationContext } from './operation-context';
import type { PackageSpec } from './package-spec';
import type { PackageTarget } from './package-transaction';
import { pacmanCachedVersions } from './pacman-transaction';
import type { RebootOptions, RebootResult } from './reboot-host';
import { pacmanPackageVersions, pacmanPendingUpgrades } from './pacman-versions';
import { rpmUnfinishedPackages } from './rpm-unfinished';
import { rpmPackageVersions } from './rpm-versions';
import { versionSourcesFromListing } from './version-sources';
import { zypperVersionAvailability } from './zypper-available-versions';
import { zypperPreviewInstall } from './zypper-preview';

/** What a family's repair step did: `ran: false` when the family has none, `output` then saying why. */
export interface FamilyRepair {
  ran: boolean;
  output: string;
}

/** An installed package's version; `complete: false` when it is installed but not finished (dpkg `iF`/`iU`). */
export interface InstalledVersion {
  version: string;
  complete: boolean;
}

/** One change of a family's preview; a family that knows more about it says so (Windows: the update's title, and whether uninstalling it can undo it). */
export interface FamilyChange extends RpmChange {
  title?: string;
  /** How a rollback would undo this change, when the family decides it (Windows: KB uninstall, or why not); absent: the old version's availability decides. */
  rollback?: { available: boolean; source: string };
}

/** A family's preview: the changes, what it would remove, and (when the family can tell) whether a reboot is expected. */
export interface FamilyPreview {
  changes: FamilyChange[];
  removals: string[];
  /** Windows: from each update's RebootBehavior; absent: the rollout guesses from package names. */
  rebootExpected?: boolean | null;
  /** Why this host cannot take the plan (Windows: a pinned update no longer offered); absent: it can. */
  problem?: string;
}

/** The rollout operations of one family. */
export interface FamilyRolloutOperations {
  /**
   * Simulates upgrading `packages`; a spec without a version takes the package manager's candidate. For a full-upgrade-only family: the whole pending set, `requested` marking the specs.
   * A family that can answer in the same remote call adds `rollbackSources` (as {@link versionSources}, for the changes it covers), so the preview need not ask again.
   */
  previewCandidates(context: OperationContext, packages: readonly PackageSpec[]): Promise<FamilyPreview & { rollbackSources?: Map<string, VersionSource> }>;
  /** Where each `{ name, version }` can be installed from now, keyed `name=version`. */
  versionSources(context: OperationContext, wanted: readonly PackageTarget[]): Promise<Map<string, VersionSource>>;
  /** Finishes what an interrupted or failed run left half-done, with the family's own repair. */
  repair(context: OperationContext, timeoutMs: number): Promise<FamilyRepair>;
  /** The installed version of each of `names`; absent when not installed. */
  installedVersions(context: OperationContext, names: readonly string[]): Promise<Map<string, InstalledVersion>>;
  /** Packages left half-installed (empty for a family that has no such state: see each entry). */
  unfinished(context: OperationContext): Promise<string[]>;
  /** The boot identity a reboot must change; absent: Linux's `/proc/sys/kernel/random/boot_id`. */
  bootIdentity?(context: OperationContext): Promise<string>;
  /** Reboots and waits for a new boot identity and readiness; absent: Linux's `rebootHost`. */
  reboot?(context: OperationContext, options: Omit<RebootOptions, 'readinessCommand'>): Promise<RebootResult>;
  /**
   * Set when updates are present or absent rather than moved between versions (Windows KBs): a
   * row's target is the pinned update, a rollback removes it, and a fresh collection shows it by
   * name (its version there is an install date, not the update).
   */
  presence?: true;
}

const complete = (versions: Map<string, string>) => new Map([...versions].map(([name, version]) => [name, { version, complete: true }]));
const none = async <T>(value: T) => Promise.resolve(value);

/** Whole pending set, marking the requested names: Arch upgrades all or nothing. */
async function pacmanPreview(context: OperationContext, packages: readonly PackageSpec[]): Promise<RpmPreview> {
  const requested = new Set(packages.map((spec) => spec.name));
  const changes = (await pacmanPendingUpgrades(context)).map((item) => ({ name: item.name, from: item.from, to: item.to, kind: 'upgrade' as const, requested: requested.has(item.name) }));
  return { changes, removals: [] };
}

// rpm has no half-configured state: a failed %post leaves the package at its new version, and
// the script cannot be run again on its own; the rollout then rolls the package back instead.
const RPM_NO_REPAIR = 'no repair step: rpm keeps no half-configured state (a failed %post leaves the package installed); two versions of one package left by an interrupted transaction are reported as half-installed and need `dnf remove --duplicates` or `zypper verify` by hand';

/** The rollout operations of the Linux families (Windows has none yet). */
export const FAMILY_ROLLOUT_OPERATIONS = {
  apt: {
    previewCandidates: (context, packages) => aptPreviewUpgrade(context, packages, { rollbackSources: true }),
    versionSources: (context, wanted) => aptVersionSources(context, wanted),
    async repair(context, timeoutMs) {
      const output = await dpkgConfigurePending(context, timeoutMs);
      return { ran: true, output: `${output.stdout}\n${output.stderr}`.trim() };
    },
    async installedVersions(context, names) {
      if (names.length === 0) return new Map();
      const states = await dpkgPackageStates(context, names);
      return new Map([...states].map(([name, state]) => [name, { version: state.version, complete: state.configured }]));
    },
    unfinished: (context) => dpkgUnfinishedPackages(context),
  },
  dnf: {
    previewCandidates: (context, packages) => dnfPreviewUpgrade(context, packages),
    versionSources: async (context, wanted) => (wanted.length === 0 ? new Map() : versionSourcesFromListing(wanted, await dnfVersionAvailability(context, [...new Set(wanted.map((item) => item.name))]))),
    repair: () => none({ ran: false, output: RPM_NO_REPAIR }),
    installedVersions: async (context, names) => (names.length === 0 ? new Map() : complete(await rpmPackageVersions(context, names))),
    unfinished: (context) => rpmUnfinishedPackages(context),
  },
  zypper: {
    previewCandidates: (context, packages) => zypperPreviewInstall(context, packages),
    versionSources: async (context, wanted) => (wanted.length === 0 ? new Map() : versionSourcesFromListing(wanted, await zypperVersionAvailability(context, [...new Set(wanted.map((item) => item.name))]))),
    repair: () => none({ ran: false, output: RPM_NO_REPAIR }),
    installedVersions: async (context, names) => (names.length === 0 ? new Map() : complete(await rpmPackageVersions(context, names))),
    unfinished: (context) => rpmUnfinishedPackages(context),
  },
  apk: {
    previewCandidates: (context, packages) => apkPreviewUpgrade(context, packages),
    // Old versions come from a repository (`apk policy`) or the admin's cache (/etc/apk/cache).
    versionSources: (context, wanted) => apkVersionSources(context, wanted),
    async repair(context, timeoutMs) {
      // `apk fix` with no names reinstalls exactly the packages apk flagged broken (their scripts run again).
      const output = await runOn(context, apkFixCommand(Math.min(300, Math.floor(timeoutMs / 1000))), { timeoutMs, expectedExitCodes: Array.from({ length: 100 }, (_, code) => code) });
      return { ran: true, output: `${output.stdout}\n${output.stderr}`.trim() };
    },
    async installedVersions(context, names) {
      if (names.length === 0) return new Map();
      const state = await readApkState(context);
      return new Map(names.flatMap((name) => {
        const item = state.installed.get(name);
        return item ? [[name, { version: item.version, complete: item.flags === '' }] as const] : [];
      }));
    },
    // apk's half-installed state: packages its database flags broken (`f:` field; a failed script, unwritten files).
    unfinished: (context) => apkUnfinishedPackages(context),
  },
  pacman: {
    previewCandidates: pacmanPreview,
    // pacman's rollback reinstalls from its own package cache (`pacman -U`), never from the mirror.
    async versionSources(context, wanted) {
      if (wanted.length === 0) return new Map();
      const cached = await pacmanCachedVersions(context, wanted);
      return new Map(wanted.map((item) => [`${item.name}=${item.version}`, cached.get(item.name) ? 'cache' : 'none']));
    },
    repair: () => none({ ran: false, output: 'no repair step: pacman has none (a failed install scriptlet leaves the package installed; an interrupted run leaves /var/lib/pacman/db.lck, which only an admin may remove)' }),
    installedVersions: async (context, names) => (names.length === 0 ? new Map() : complete(await pacmanPackageVersions(context, names))),
    // pacman records no per-package half-installed state: its local database has each package or not.
    unfinished: () => none([]),
  },
} satisfies Record<'apt' | 'dnf' | 'zypper' | 'apk' | 'pacman', FamilyRolloutOperations>;

export { pacmanPreview };
