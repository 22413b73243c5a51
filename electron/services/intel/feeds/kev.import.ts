/** A CISA KEV catalogue as an import plan: the whole catalogue replaces the previous one. */
import type { ImportPlan } from './import-plan';
import { parseKev } from './parsers/kev.parser';

/** Plans the import of a parsed KEV JSON document. */
export function planKevImport(json: unknown, what: string): ImportPlan {
  const kev = parseKev(json, what);
  return {
    kind: 'kev',
    scope: '',
    mode: 'replace',
    feedVersion: kev.catalogVersion,
    feedDate: kev.dateReleased,
    warnings: kev.warnings,
    clear: (repository) => repository.clearKev(),
    write(repository, feedId) {
      for (const entry of kev.entries) repository.insertKev(feedId, entry);
      return { recordCount: kev.entries.length, warnings: [] };
    },
  };
}
