import { formatRpmEvr } from '../../../../shared/domain/versions';
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
