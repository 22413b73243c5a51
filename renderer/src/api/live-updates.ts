import type { ChangeTopic, ChannelName, DataChangedEvent } from '../../../shared/contract';
import { READS_BY_TOPIC } from './change-topics';

/** What live updates refresh: the query cache, seen through two calls. */
export interface LiveUpdatesTarget {
  /** Refreshes the channels' reads about one site (every read of them when `siteId` is null). */
  invalidate(channels: readonly ChannelName[], siteId: number | null): void;
  /** Refreshes every read. */
  invalidateAll(): void;
}

/** The clock and timer calls live updates use, injectable so tests decide when time passes. */
export interface LiveUpdatesTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** True when a cached read's request is about this site, or about no site in particular (an asset by id, the vault). */
export function requestConcernsSite(request: unknown, siteId: number): boolean {
  const requestSite = typeof request === 'object' && request !== null ? (request as { siteId?: unknown }).siteId : undefined;
  return typeof requestSite !== 'number' || requestSite === siteId;
}

/** How long the first notice of a topic waits for others, so one change costs one refetch. */
export const COALESCE_MS = 200;
/**
 * The least time between two refreshes of one topic while notices keep coming (a scan finding
 * hosts, a collection storing them, a CLI writing row after row): as rarely as the live job panels
 * refresh, so a large inventory is not read again several times a second.
 */
export const MIN_REFRESH_GAP_MS = 2000;

interface PendingTopic {
  sites: Set<number | null>;
  dueAt: number;
}

/**
 * Keeps open screens true to the data: folds the server's `data:changed` notices into refetches
 * of the reads they make stale. Notices are gathered per topic: a topic's reads are fetched again
 * {@link COALESCE_MS} after its first notice, and no sooner than {@link MIN_REFRESH_GAP_MS} after
 * its previous refresh; topics due together are refreshed together, each read once per site. A gap
 * in the notice numbers, or a reopened event stream, means notices were missed: everything is
 * read again.
 */
export class LiveUpdates {
  private lastSeq: number | null = null;
  private pending = new Map<ChangeTopic, PendingTopic>();
  private readonly refreshedAt = new Map<ChangeTopic, number>();
  private timer: { handle: unknown; at: number } | null = null;

  constructor(
    private readonly target: LiveUpdatesTarget,
    private readonly timers: LiveUpdatesTimers,
  ) {}

  /** Takes one notice from the server. */
  receive(notice: DataChangedEvent): void {
    const expected = this.lastSeq === null ? notice.seq : this.lastSeq + 1;
    this.lastSeq = notice.seq;
    if (notice.seq !== expected) {
      this.resync();
      return;
    }
    const now = this.timers.now();
    for (const topic of notice.topics) {
      let entry = this.pending.get(topic);
      if (!entry) {
        const previous = this.refreshedAt.get(topic);
        entry = { sites: new Set(), dueAt: Math.max(now + COALESCE_MS, previous === undefined ? 0 : previous + MIN_REFRESH_GAP_MS) };
        this.pending.set(topic, entry);
      }
      entry.sites.add(notice.siteId);
    }
    this.schedule();
  }

  /**
   * The event stream (re)opened: whatever changed while it was down was never announced, so
   * every read is fetched again, and the next notice starts the count afresh.
   */
  reconnected(): void {
    this.lastSeq = null;
    this.resync();
  }

  /** Drops what is pending (the page is going away). */
  dispose(): void {
    if (this.timer) this.timers.clearTimeout(this.timer.handle);
    this.timer = null;
    this.pending.clear();
  }

  private resync(): void {
    this.dispose();
    this.target.invalidateAll();
  }

  /** Keeps one timer, set for the earliest topic due. */
  private schedule(): void {
    const next = Math.min(...[...this.pending.values()].map((entry) => entry.dueAt));
    if (!Number.isFinite(next) || (this.timer && this.timer.at <= next)) return;
    if (this.timer) this.timers.clearTimeout(this.timer.handle);
    this.timer = { handle: this.timers.setTimeout(() => this.flush(), Math.max(0, next - this.timers.now())), at: next };
  }

  private flush(): void {
    this.timer = null;
    const now = this.timers.now();
    const channelsBySite = new Map<number | null, Set<ChannelName>>();
    for (const [topic, entry] of this.pending) {
      if (entry.dueAt > now) continue;
      this.pending.delete(topic);
      this.refreshedAt.set(topic, now);
      for (const siteId of entry.sites) {
        const channels = channelsBySite.get(siteId) ?? new Set<ChannelName>();
        for (const channel of READS_BY_TOPIC[topic]) channels.add(channel);
        channelsBySite.set(siteId, channels);
      }
    }
    // A change that belongs to no site refreshes its channels for every site: no need to repeat them per site.
    const everySite = channelsBySite.get(null);
    for (const [siteId, channels] of channelsBySite) {
      if (siteId !== null && everySite) for (const channel of everySite) channels.delete(channel);
      if (channels.size > 0) this.target.invalidate([...channels], siteId);
    }
    this.schedule();
  }
}
