/**
 * NVD CVE records as an import plan: each record replaces the stored record of its CVE unless
 * the stored one was modified later (pages can arrive in any order).
 */
import type { ImportPlan } from './import-plan';
import { parseNvd } from './parsers/nvd.parser';

/** Plans the import of a parsed NVD 2.0 response or record. */
export function planNvdImport(json: unknown, what: string): ImportPlan {
  const nvd = parseNvd(json, what);
  return {
    kind: 'nvd',
    scope: 'records',
    mode: 'merge',
    feedVersion: nvd.version,
    feedDate: nvd.timestamp ?? newest(nvd.cves.map((cve) => cve.lastModified)),
    warnings: nvd.warnings,
    write(repository, feedId) {
      let kept = 0;
      for (const cve of nvd.cves) {
        const stored = repository.cveLastModified(cve.cveId);
        if (stored && cve.lastModified && stored > cve.lastModified) {
          kept++;
          continue;
        }
        repository.upsertCve(feedId, cve);
      }
      return { recordCount: nvd.cves.length, warnings: kept > 0 ? [`${kept} records were older than the ones already stored and were not used`] : [] };
    },
  };
}

/** The latest of some ISO timestamps, or null. */
export function newest(values: readonly (string | null)[]): string | null {
  let latest: string | null = null;
  for (const value of values) if (value && (latest === null || value > latest)) latest = value;
  return latest;
}
