/**
 * The vulnerability intelligence the imported feeds hold, as the rest of the app asks for it:
 * feed status with ages, and what the feeds say about a CVE. Mapping, priority and triage use
 * {@link IntelService.repository} (see intel.repository.ts for the query API) directly.
 */
import type { CveIntel, IntelFeedStatus } from '../../../../shared/contract/intel';
import type { Clock } from '../../../platform/clock';
import type { IntelRepository } from '../../../db/repositories/intel.repository';

const DAY_MS = 86_400_000;

export interface IntelServiceDeps {
  intel: IntelRepository;
  clock: Clock;
}

export class IntelService {
  constructor(private readonly deps: IntelServiceDeps) {}

  /** The query API over the imported feeds. */
  get repository(): IntelRepository {
    return this.deps.intel;
  }

  /** Every current feed, by kind, with its age in whole days at this moment. */
  status(): IntelFeedStatus[] {
    const now = this.deps.clock.now().getTime();
    return this.deps.intel.feeds().map((feed) => ({ ...feed, ageDays: ageInDays(feed.feedDate ?? feed.retrievedAt, now) }));
  }

  /** What the feeds say about one CVE. */
  cve(cveId: string): CveIntel {
    return this.deps.intel.cve(cveId);
  }
}

/** Whole days from `date` to `now`; null when the date cannot be read. A date in the future is 0 days old. */
export function ageInDays(date: string, now: number): number | null {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}
