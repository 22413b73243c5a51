/**
 * What the Feeds panel shows for each imported feed: kind, version or date, records, age and
 * provenance, and whether the feed is older than its age limit. The limits are display defaults
 * until the site policy carries its own (KEV and EPSS change daily; the others more slowly).
 */
import { INTEL_FEED_KIND_LABELS, type IntelFeedKind, type IntelFeedStatus } from '../../../../shared/contract/intel';
import { plural } from '../../lib/format';

/** Days after which a feed of each kind is flagged as old. */
export const DEFAULT_FEED_AGE_LIMIT_DAYS: Record<IntelFeedKind, number> = {
  kev: 7,
  epss: 7,
  'debian-tracker': 7,
  osv: 14,
  nvd: 30,
  msrc: 45,
};

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
export function feedRows(feeds: readonly IntelFeedStatus[], limits: Record<IntelFeedKind, number> = DEFAULT_FEED_AGE_LIMIT_DAYS): FeedRow[] {
  return feeds.map((feed) => {
    const limit = limits[feed.kind];
    const version = [feed.feedVersion, feed.feedDate ? feed.feedDate.slice(0, 10) : null].filter(Boolean).join(', ');
    return {
      id: feed.id,
      kind: INTEL_FEED_KIND_LABELS[feed.kind],
      scope: feed.scope === '' ? 'whole feed' : feed.scope === 'records' ? 'single records' : feed.scope,
      version: version || 'no version or date in the file',
      records: plural(feed.recordCount, 'record'),
      age: feed.ageDays === null ? 'unknown' : `${plural(feed.ageDays, 'day')}${feed.feedDate ? '' : ' since retrieved'}`,
      flag: feed.ageDays === null ? 'age unknown' : feed.ageDays > limit ? `older than ${plural(limit, 'day')}` : null,
      provenance: `${feed.fileName}, ${feed.sourceUrl ? `from ${feed.sourceUrl}` : 'imported from a file'}, retrieved ${feed.retrievedAt.slice(0, 16).replace('T', ' ')} UTC, by ${feed.importedBy}`,
      sha256: feed.sha256,
      warnings: feed.warnings,
    };
  });
}

/** Whether a file should go through the bundle import (a ZIP whose end names a manifest and its signature). */
export function looksLikeSignedBundle(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 70_000)));
  return tail.includes('manifest.json') && tail.includes('manifest.sig');
}
