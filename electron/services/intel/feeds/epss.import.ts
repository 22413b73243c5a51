/** A FIRST EPSS daily file as an import plan: the whole file replaces the previous day's. */
import type { ImportPlan } from './import-plan';
import type { FeedSource } from './intel-import.service';
import { parseEpssStream } from './parsers/epss.parser';

/** Plans the import of an EPSS CSV (plain or gzip), streamed from `source`. */
export async function planEpssImport(source: FeedSource, gzip: boolean): Promise<ImportPlan> {
  const epss = await parseEpssStream(source.stream(), source.what, { gzip, fileName: source.what });
  return {
    kind: 'epss',
    scope: '',
    mode: 'replace',
    feedVersion: epss.modelVersion,
    feedDate: epss.scoreDate,
    warnings: epss.warnings,
    clear: (repository) => repository.clearEpss(),
    write(repository, feedId) {
      const { cveIds, scores, percentiles } = epss;
      for (let index = 0; index < cveIds.length; index++) {
        const percentile = percentiles ? (percentiles[index] as number) : Number.NaN;
        repository.insertEpss(feedId, cveIds[index] as string, scores[index] as number, Number.isNaN(percentile) ? null : percentile);
      }
      return { recordCount: new Set(cveIds).size, warnings: [] };
    },
  };
}
