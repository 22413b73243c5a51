/**
 * What one feed file becomes in the database: a plan built from the parsed file, then carried
 * out inside the import's write transaction. A `replace` plan stands for a whole feed (a KEV
 * catalogue, an EPSS day, the Debian tracker, an OSV `all.zip` of one distribution): its
 * records replace those of the current feed of the same kind and scope, which is marked
 * superseded. A `merge` plan adds single records or pages (NVD, single OSV records, Microsoft
 * documents), each replacing only the stored record with the same id, and only when it is not older.
 */
import type { IntelFeedKind } from '../../../../shared/contract/intel';
import type { IntelImportRepository } from '../../../db/repositories/intel-import.repository';

/** What writing a plan's records counted and noticed. */
export interface PlanOutcome {
  recordCount: number;
  warnings: string[];
  /** A feed date only known once the records were read (the newest OSV `modified`). */
  feedDate?: string | null;
}

export interface ImportPlan {
  kind: IntelFeedKind;
  scope: string;
  mode: 'replace' | 'merge';
  feedVersion: string | null;
  /** The feed's own date, to refuse replacing a newer feed with an older one. */
  feedDate: string | null;
  warnings: string[];
  /** Removes the records of the kind and scope (replace plans only). */
  clear?(repository: IntelImportRepository): void;
  /** Writes the records under `feedId`; throws a FeedFormatError to roll everything back. */
  write(repository: IntelImportRepository, feedId: number): PlanOutcome;
}
