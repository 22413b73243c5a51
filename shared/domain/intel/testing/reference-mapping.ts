/**
 * A slow, literal statement of the mapping rule (package-mapping.ts's header), kept as an oracle
 * the fast `mapAssetCves` is checked against on random data: every speed-up of the mapping (the
 * memoized version order, the records read once per run) must leave its answer unchanged.
 * Not used by the application.
 */
import { compareApkVersions, compareDebianVersions, compareRpmVersions } from '../../versions';
import type { AffectedRecord, CveLink, MappingInstalled, MappingPending, VersionFamily } from '../package-mapping';

const ORDER: Record<VersionFamily, (a: string, b: string) => number> = { dpkg: compareDebianVersions, rpm: compareRpmVersions, apk: compareApkVersions };

/** The links of one asset, computed the plain way: one pass per source, a list scan for duplicates. */
export function referenceAssetCves(family: VersionFamily | null, installed: readonly MappingInstalled[], pending: readonly MappingPending[], affectedFor: ((sourcePackage: string) => readonly AffectedRecord[]) | null): CveLink[] {
  const out: CveLink[] = [];
  const push = (link: CveLink) => {
    if (!out.some((each) => each.cve === link.cve && each.package === link.package)) out.push(link);
  };
  // 1. What the package manager itself says each pending update fixes.
  for (const update of pending) {
    for (const raw of update.cves) {
      const cve = raw.trim().toUpperCase();
      if (!/^CVE-\d{4}-\d{4,19}$/.test(cve)) continue;
      push({ kind: 'fixes', cve, advisoryId: update.advisories.length === 1 ? (update.advisories[0] ?? null) : null, package: update.name, sourcePackage: '', installedVersion: update.installedVersion, fixedVersion: update.availableVersion, pendingUpdateId: update.id, source: 'package_manager', feedId: null });
    }
  }
  if (family === null || affectedFor === null) return out;
  // 2. The distribution's records for each installed package's source package.
  const order = ORDER[family];
  for (const item of installed) {
    const sourcePackage = item.sourceName || item.name;
    const installedSource = item.sourceVersion || item.version;
    // The pending update of this very package: same name and architecture, else the first of that name.
    const update = pending.find((each) => each.name === item.name && each.arch === item.arch) ?? pending.find((each) => each.name === item.name) ?? null;
    for (const record of affectedFor(sourcePackage)) {
      if (record.cveId === null || !/^CVE-\d{4}-\d{4,19}$/.test(record.cveId)) continue;
      const common = { cve: record.cveId, advisoryId: record.advisoryId, package: item.name, sourcePackage, installedVersion: item.version, source: record.source, feedId: record.feedId };
      if (record.status === 'open') {
        if (record.urgency !== 'unimportant') push({ ...common, kind: 'no_fix', fixedVersion: null, pendingUpdateId: null });
      } else if (record.status === 'fixed' && record.fixedVersion !== null && record.fixedVersion !== '0' && order(installedSource, record.fixedVersion) < 0) {
        const offered = update !== null && order(update.availableVersion, record.fixedVersion) >= 0;
        push({ ...common, kind: offered ? 'fixes' : 'carries', fixedVersion: record.fixedVersion, pendingUpdateId: offered && update ? update.id : null });
      }
    }
  }
  return out;
}
