/**
 * Trend points of whole past months, kept between calls. A month's figures depend only on data
 * about that month, and that data changes only when
 *
 * - the site's policy, time zone, assets (tiers, status) or exception register change: the
 *   `fingerprint` then differs and every point is dropped; or
 * - a collection describing a time inside a cached month is stored (an offline file collected
 *   long ago): the caller sees it through `collectionsAfter` and calls `invalidate`.
 *
 * Collections taken after a month ended only resolve or open fixes from their own instant on,
 * so they leave the month's figures as they were.
 */
import type { TrendPoint } from '../../../shared/contract/compliance';

interface SiteEntry {
  fingerprint: string;
  /** Collections up to this id were in the database when the points were computed. */
  collectionWatermark: number;
  points: Map<string, TrendPoint>;
  /** The latest end of a cached month. */
  coveredUntilMs: number;
}

/** Monthly trend points per site, valid while the data behind them is unchanged. */
export class TrendCache {
  private readonly sites = new Map<number, SiteEntry>();

  /**
   * The site's entry if it was computed under `fingerprint`; a stale one is dropped.
   * `earliestNewCollection` is where the collections stored since the watermark start (see
   * `watermark`); when that lies inside a cached month, the entry is dropped too.
   */
  lookup(siteId: number, fingerprint: string, earliestNewCollection: (watermark: number) => { earliestMs: number | null; maxId: number }): Map<string, TrendPoint> {
    const entry = this.sites.get(siteId);
    if (!entry || entry.fingerprint !== fingerprint) {
      this.sites.delete(siteId);
      return new Map();
    }
    const fresh = earliestNewCollection(entry.collectionWatermark);
    if (fresh.earliestMs !== null && fresh.earliestMs < entry.coveredUntilMs) {
      this.sites.delete(siteId);
      return new Map();
    }
    entry.collectionWatermark = fresh.maxId;
    return entry.points;
  }

  /** Keeps whole-month points computed under `fingerprint` with collections up to `watermark`. */
  store(siteId: number, fingerprint: string, watermark: number, points: readonly { key: string; toMs: number; point: TrendPoint }[]): void {
    let entry = this.sites.get(siteId);
    if (!entry || entry.fingerprint !== fingerprint) {
      entry = { fingerprint, collectionWatermark: watermark, points: new Map(), coveredUntilMs: -Infinity };
      this.sites.set(siteId, entry);
    }
    entry.collectionWatermark = Math.min(entry.collectionWatermark, watermark);
    for (const { key, toMs, point } of points) {
      entry.points.set(key, point);
      entry.coveredUntilMs = Math.max(entry.coveredUntilMs, toMs);
    }
  }

  /** Forgets a site's points. */
  invalidate(siteId: number): void {
    this.sites.delete(siteId);
  }
}
