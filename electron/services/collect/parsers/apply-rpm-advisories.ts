import { compareRpmVersions, formatRpmEvr } from '../../../../shared/domain/versions';
import type { RpmAdvisoryEntry } from './dnf-updateinfo.parser';
import type { PendingUpdate } from './types';

const SEVERITY_RANK: Record<string, number> = { Low: 1, Moderate: 2, Important: 3, Critical: 4 };

/**
 * Marks pending rpm updates (from check-update) with the advisories `dnf updateinfo` reported
 * for the same name, arch and version. Matching updates get `security: true`, their advisory
 * and CVE ids and the highest severity; the rest become `false` only when `complete` says the
 * advisory list covers every repository, since repos without updateinfo print nothing.
 */
export function applyRpmAdvisories(updates: PendingUpdate[], entries: RpmAdvisoryEntry[], complete = false): PendingUpdate[] {
  const byKey = new Map<string, RpmAdvisoryEntry[]>();
  for (const e of entries) {
    const key = `${e.package.name}.${e.package.arch ?? ''}@${formatRpmEvr(e.package)}`;
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  return updates.map((u) => {
    const found = byKey.get(`${u.name}.${u.arch ?? ''}@${u.availableVersion}`) ?? [];
    const security = found.filter((e) => e.type === 'security');
    if (security.length === 0) return complete && u.security === null ? { ...u, security: false } : u;
    const next: PendingUpdate = {
      ...u,
      security: true,
      advisories: unique([...u.advisories, ...security.flatMap((e) => (e.advisory ? [e.advisory] : []))]),
      cves: unique([...u.cves, ...security.flatMap((e) => (e.cve ? [e.cve] : []))]),
    };
    const severity = security.map((e) => e.severity).reduce<string | undefined>((best, s) => ((SEVERITY_RANK[s ?? ''] ?? 0) > (SEVERITY_RANK[best ?? ''] ?? 0) ? s : best), u.severity);
    if (severity !== undefined) next.severity = severity;
    return next;
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Dates pending rpm updates by the advisories they would apply: for each update, the advisories
 * `updateinfo list` names for the same name and arch at a version above the installed one (when
 * known; `updateinfo list` only names such versions anyway) and up to the candidate, with their
 * dates from `updateinfo info`. The EARLIEST is the fix's publication (basis `published`): the
 * host has been missing a vendor fix since then, whatever later versions followed. A security
 * update is dated by its security advisories only. Updates no dated advisory names stay undated.
 */
export function applyRpmPublication(updates: PendingUpdate[], entries: RpmAdvisoryEntry[], dates: ReadonlyMap<string, string>): PendingUpdate[] {
  const byPackage = new Map<string, RpmAdvisoryEntry[]>();
  for (const e of entries) {
    const key = `${e.package.name}.${e.package.arch ?? ''}`;
    const list = byPackage.get(key);
    if (list) list.push(e);
    else byPackage.set(key, [e]);
  }
  return updates.map((u) => {
    let earliest: string | null = null;
    for (const e of byPackage.get(`${u.name}.${u.arch ?? ''}`) ?? []) {
      if (u.security === true && e.type !== 'security') continue;
      const date = e.advisory === null ? undefined : dates.get(e.advisory);
      if (date === undefined) continue;
      const evr = formatRpmEvr(e.package);
      if (compareRpmVersions(evr, u.availableVersion) > 0) continue;
      if (u.installedVersion !== null && compareRpmVersions(evr, u.installedVersion) <= 0) continue;
      if (earliest === null || date < earliest) earliest = date;
    }
    return earliest === null ? u : { ...u, publishedAt: earliest, publishedBasis: 'published' as const };
  });
}
