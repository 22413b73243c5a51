/**
 * OSV as import plans. A single record adds to what is stored (replacing the stored record of the
 * same id unless that one was modified later). An `all.zip` is one distribution's whole export: it
 * replaces every OSV advisory of that distribution, read and written entry by entry inside the
 * import's transaction, so a damaged entry half-way rolls everything back.
 */
import type { IntelImportRepository } from '../../../db/repositories/intel-import.repository';
import { FeedFormatError } from './feed-error';
import type { ImportPlan } from './import-plan';
import { newest } from './nvd.import';
import { parseOsv, type ParsedOsv } from './parsers/osv.parser';
import { forEachZipJson } from './parsers/osv-zip';

/** Plans the import of one parsed OSV record (or a JSON array of records). */
export function planOsvRecordImport(json: unknown, what: string): ImportPlan {
  const records = (Array.isArray(json) ? json : [json]).map((each, index) => parseOsv(each, Array.isArray(json) ? `${what}[${index}]` : what));
  return {
    kind: 'osv',
    scope: 'records',
    mode: 'merge',
    feedVersion: null,
    feedDate: newest(records.map((record) => record.advisory.modified)),
    warnings: records.flatMap((record) => record.warnings),
    write(repository, feedId) {
      let kept = 0;
      for (const record of records) if (!storeIfNewer(repository, feedId, record)) kept++;
      return { recordCount: records.length, warnings: kept > 0 ? [`${kept} records were older than the ones already stored and were not used`] : [] };
    },
  };
}

/** Plans the import of an OSV `all.zip`; the distribution is read from the first record. */
export function planOsvZipImport(bytes: Uint8Array, what: string): ImportPlan {
  let distribution: string | null = null;
  forEachZipJsonUntil(bytes, what, (name, json) => {
    distribution = parseOsv(json, `${what} (${name})`).advisory.distribution;
  });
  const scope = distribution as string | null;
  if (!scope || scope.includes(',')) throw new FeedFormatError(`${what} mixes records of several distributions (${scope ?? 'none'}); an all.zip holds one`);
  return {
    kind: 'osv',
    scope,
    mode: 'replace',
    feedVersion: null,
    feedDate: null,
    warnings: [],
    clear: (repository) => repository.clearAdvisories('osv', scope),
    write(repository, feedId) {
      const warnings = new Set<string>();
      let latest: string | null = null;
      const count = forEachZipJson(bytes, what, (name, json) => {
        const record = parseOsv(json, `${what} (${name})`);
        if (record.advisory.distribution !== scope) throw new FeedFormatError(`${what} (${name}) is a ${record.advisory.distribution} record in a ${scope} all.zip`);
        for (const warning of record.warnings) if (warnings.size < 20) warnings.add(warning);
        if (record.advisory.modified && (latest === null || record.advisory.modified > latest)) latest = record.advisory.modified;
        storeIfNewer(repository, feedId, record);
      });
      return { recordCount: count, warnings: [...warnings], feedDate: latest };
    },
  };
}

/** Stores a record unless the stored one with its id was modified later; false when it was kept. */
function storeIfNewer(repository: IntelImportRepository, feedId: number, record: ParsedOsv): boolean {
  const stored = repository.advisoryModified('osv', record.advisory.advisoryId);
  if (stored && record.advisory.modified && stored > record.advisory.modified) return false;
  repository.upsertAdvisory(feedId, record.advisory);
  return true;
}

/** Reads only the first JSON entry (to learn the archive's distribution before anything is written). */
function forEachZipJsonUntil(bytes: Uint8Array, what: string, visit: (name: string, json: unknown) => void): void {
  const stop = new Error('first entry read');
  try {
    forEachZipJson(bytes, what, (name, json) => {
      visit(name, json);
      throw stop;
    });
  } catch (error) {
    if (error !== stop) throw error;
  }
}
