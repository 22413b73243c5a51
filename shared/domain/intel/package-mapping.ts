/**
 * The mapping rule: which CVEs one asset's installed packages carry and its pending updates fix,
 * from the best source for its family. Pure: the caller supplies the collected packages and the
 * feed records; the rule decides, so it is tested on real samples without a database.
 *
 * Sources, best first:
 *   - `package_manager`: the CVE ids the package manager itself attached to a pending update (dnf/yum
 *     updateinfo, zypper patches, Windows Update). The vendor said this update fixes them.
 *   - `debian-tracker` / `osv`: the distribution's own record per source package and release. A
 *     package is affected when the record is open, or fixed in a version newer than the installed
 *     source version (dpkg ordering for Debian and Ubuntu, rpm ordering for the RPM family).
 *
 * Link kinds:
 *   - `fixes`: the asset is vulnerable and a pending update reaches the fixed version;
 *   - `carries`: the asset is vulnerable, the distribution has a fix, but no pending update offers
 *     it (a missing security repository, apt lists not refreshed): the fix is "not offered";
 *   - `no_fix`: the asset is vulnerable and the distribution has no fix yet ("no fix yet").
 */
import { compareApkVersions, compareDebianVersions, compareRpmVersions } from '../versions';

/** Where a link came from. */
export const CVE_LINK_SOURCES = ['package_manager', 'debian-tracker', 'osv', 'msrc'] as const;
/** One of `CVE_LINK_SOURCES`. */
export type CveLinkSource = (typeof CVE_LINK_SOURCES)[number];

/** What a link says. */
export const CVE_LINK_KINDS = ['fixes', 'carries', 'no_fix'] as const;
/** One of `CVE_LINK_KINDS`. */
export type CveLinkKind = (typeof CVE_LINK_KINDS)[number];

/** Labels every surface uses. */
export const CVE_LINK_KIND_LABELS: Record<CveLinkKind, string> = {
  fixes: 'fix pending',
  carries: 'fix not offered to this host',
  no_fix: 'no fix yet',
};

/** Version orderings by package family. */
export const VERSION_FAMILIES = ['dpkg', 'rpm', 'apk'] as const;
/** One of `VERSION_FAMILIES`. */
export type VersionFamily = (typeof VERSION_FAMILIES)[number];

const COMPARE: Record<VersionFamily, (a: string, b: string) => number> = {
  dpkg: compareDebianVersions,
  rpm: compareRpmVersions,
  apk: compareApkVersions,
};

/**
 * The version order of a family; without a known family only the same version counts as "at
 * least" (a version of an unknown scheme is never guessed to be newer).
 */
export function versionOrder(family: VersionFamily | null): (a: string, b: string) => number {
  return family ? COMPARE[family] : (a, b) => (a === b ? 0 : -1);
}

/** A version comparison (negative, zero, positive), as `mapAssetCves` uses it. */
export type VersionCompare = (a: string, b: string) => number;

/**
 * The family's version ordering with each pair's answer remembered: a site's hosts install the
 * same few versions of a package and the tracker names one fixed version per release, so the
 * first mapping of a site asks the same pairs thousands of times. Give one per mapping run (the
 * memory grows with the distinct pairs seen, which a run bounds).
 */
export function memoizedCompare(family: VersionFamily): VersionCompare {
  const compare = COMPARE[family];
  const known = new Map<string, number>();
  return (a, b) => {
    const key = `${a}\u0000${b}`;
    let answer = known.get(key);
    if (answer === undefined) {
      answer = compare(a, b);
      known.set(key, answer);
    }
    return answer;
  };
}

/** One installed package as collected. */
export interface MappingInstalled {
  name: string;
  arch: string;
  version: string;
  sourceName?: string;
  sourceVersion?: string;
}

/** One open pending update as stored. */
export interface MappingPending {
  id: number;
  name: string;
  arch: string;
  installedVersion: string | null;
  availableVersion: string;
  cves: readonly string[];
  advisories: readonly string[];
}

/** One record of a distribution feed: a vulnerability's state in one source package of one release. */
export interface AffectedRecord {
  source: Exclude<CveLinkSource, 'package_manager'>;
  feedId: number | null;
  /** Source package (Debian, Ubuntu) or package (RPM families) the record names. */
  package: string;
  cveId: string | null;
  advisoryId: string | null;
  status: 'fixed' | 'open' | 'not_affected' | 'undetermined';
  fixedVersion: string | null;
  urgency: string | null;
}

/** One link between an asset's package and a CVE. */
export interface CveLink {
  kind: CveLinkKind;
  cve: string;
  advisoryId: string | null;
  /** The binary package as installed (or the pending update's name). */
  package: string;
  sourcePackage: string;
  installedVersion: string | null;
  fixedVersion: string | null;
  /** The pending update that fixes it (`fixes` only). */
  pendingUpdateId: number | null;
  source: CveLinkSource;
  feedId: number | null;
}

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;

/** Whether an id is a CVE id (tracker `TEMP-` ids and advisories are not). */
export function isCveId(id: string): boolean {
  return CVE_ID.test(id);
}

/**
 * The links of one asset. `affectedFor` returns the feed's records for a source package of the
 * asset's distribution release, or null when the asset has no distribution feed (then only the
 * package manager's own CVE lists count). Duplicate links (the same CVE through the same package)
 * are kept once, the package manager's first. `compareVersions` replaces the family's ordering
 * with an equal one (`memoizedCompare`) when many assets are mapped in a row.
 */
export function mapAssetCves(
  family: VersionFamily | null,
  installed: readonly MappingInstalled[],
  pending: readonly MappingPending[],
  affectedFor: ((sourcePackage: string) => readonly AffectedRecord[]) | null,
  compareVersions?: VersionCompare,
): CveLink[] {
  const links: CveLink[] = [];
  const seen = new Set<string>();
  const add = (link: CveLink): void => {
    const key = `${link.cve}|${link.package}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };

  for (const update of pending) {
    for (const cve of update.cves) {
      const id = cve.trim().toUpperCase();
      if (!isCveId(id)) continue;
      add({ kind: 'fixes', cve: id, advisoryId: update.advisories.length === 1 ? (update.advisories[0] ?? null) : null, package: update.name, sourcePackage: '', installedVersion: update.installedVersion, fixedVersion: update.availableVersion, pendingUpdateId: update.id, source: 'package_manager', feedId: null });
    }
  }
  if (!affectedFor || family === null) return links;

  const compare = compareVersions ?? COMPARE[family];
  const pendingByPackage = new Map<string, MappingPending>();
  for (const update of pending) {
    pendingByPackage.set(`${update.name}|${update.arch}`, update);
    if (!pendingByPackage.has(`${update.name}|`)) pendingByPackage.set(`${update.name}|`, update);
  }
  for (const item of installed) {
    const sourcePackage = item.sourceName || item.name;
    const records = affectedFor(sourcePackage);
    if (records.length === 0) continue;
    const current = item.sourceVersion || item.version;
    const update = pendingByPackage.get(`${item.name}|${item.arch}`) ?? pendingByPackage.get(`${item.name}|`) ?? null;
    for (const record of records) {
      const cve = record.cveId;
      if (cve === null || !isCveId(cve)) continue;
      if (record.status === 'open') {
        // Debian hides `unimportant` issues without a fix: they are not worth a row per host.
        if (record.urgency === 'unimportant') continue;
        add({ kind: 'no_fix', cve, advisoryId: record.advisoryId, package: item.name, sourcePackage, installedVersion: item.version, fixedVersion: null, pendingUpdateId: null, source: record.source, feedId: record.feedId });
        continue;
      }
      if (record.status !== 'fixed' || record.fixedVersion === null || record.fixedVersion === '0') continue;
      if (compare(current, record.fixedVersion) >= 0) continue;
      const offered = update !== null && compare(update.availableVersion, record.fixedVersion) >= 0;
      add({ kind: offered ? 'fixes' : 'carries', cve, advisoryId: record.advisoryId, package: item.name, sourcePackage, installedVersion: item.version, fixedVersion: record.fixedVersion, pendingUpdateId: offered ? update.id : null, source: record.source, feedId: record.feedId });
    }
  }
  return links;
}
