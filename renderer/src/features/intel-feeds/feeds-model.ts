/**
 * What the Feeds panel shows for each imported feed: kind, version or date, records, age and
 * provenance, and whether the feed is older than the site policy's limit for its kind (the one
 * rule in shared/domain/intel/feed-age.ts).
 */
import { INTEL_FEED_KIND_LABELS, type IntelFeedStatus } from '../../../../shared/contract/intel';
import { DEFAULT_FEED_AGE_LIMIT_DAYS, feedAgeFlag, type FeedAgeLimits } from '../../../../shared/domain/intel/feed-age';
import { plural } from '../../lib/format';

/** One row of the Feeds table. */
export interface FeedRow {
  id: number;
  kind: string;
  scope: string;
  version: string;
  records: string;
  age: string;
  /** Set when the feed is older than its limit (or its age is unknown): say so next to the age. */
  flag: string | null;
  provenance: string;
  sha256: string;
  warnings: string[];
}

/** The rows for the feeds, in the order the server lists them. */
export function feedRows(feeds: readonly IntelFeedStatus[], limits: FeedAgeLimits = DEFAULT_FEED_AGE_LIMIT_DAYS): FeedRow[] {
  return feeds.map((feed) => {
    const flag = feedAgeFlag(feed, limits);
    const version = [feed.feedVersion, feed.feedDate ? feed.feedDate.slice(0, 10) : null].filter(Boolean).join(', ');
    return {
      id: feed.id,
      kind: INTEL_FEED_KIND_LABELS[feed.kind],
      scope: feed.scope === '' ? 'whole feed' : feed.scope === 'records' ? 'single records' : feed.scope,
      version: version || 'no version or date in the file',
      records: plural(feed.recordCount, 'record'),
      age: feed.ageDays === null ? 'unknown' : `${plural(feed.ageDays, 'day')}${feed.feedDate ? '' : ' since retrieved'}`,
      flag: flag === null ? null : flag.state === 'age_unknown' ? 'age unknown' : `older than the policy's ${plural(flag.limitDays, 'day')}`,
      provenance: `${feed.fileName}, ${feed.sourceUrl ? `from ${feed.sourceUrl}` : 'imported from a file'}, retrieved ${feed.retrievedAt.slice(0, 16).replace('T', ' ')} UTC, by ${feed.importedBy}`,
      sha256: feed.sha256,
      warnings: feed.warnings,
    };
  });
}
