/**
 * A Microsoft security update document as an import plan: each KB it names replaces the stored
 * record of that KB unless the stored one is from a later release.
 */
import type { ImportPlan } from './import-plan';
import { parseMsrc } from './parsers/msrc.parser';

/** Plans the import of a parsed CVRF JSON or CSAF document. */
export function planMsrcImport(json: unknown, what: string): ImportPlan {
  const msrc = parseMsrc(json, what);
  return {
    kind: 'msrc',
    scope: 'records',
    mode: 'merge',
    feedVersion: msrc.documentId,
    feedDate: msrc.released,
    warnings: msrc.warnings,
    write(repository, feedId) {
      for (const advisory of msrc.advisories) {
        const stored = repository.advisoryModified('msrc', advisory.advisoryId);
        if (stored && advisory.modified && stored > advisory.modified) continue;
        repository.upsertAdvisory(feedId, advisory);
      }
      return { recordCount: msrc.advisories.length, warnings: [] };
    },
  };
}
