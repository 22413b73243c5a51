import type { ChangeTopic, ChannelName, DataChangedEvent } from '../../../shared/contract';
import { READS_BY_TOPIC } from './change-topics';

/** What live updates refresh: the query cache, seen through two calls. */
export interface LiveUpdatesTarget {
  /** Refreshes the channels' reads about one site (every read of them when `siteId` is null). */
  invalidate(channels: readonly ChannelName[], siteId: number | null): void;
  /** Refreshes every read. */
  invalidateAll(): void;
}

/** The timer calls live updates use, injectable so tests decide when a window closes. */
export interface LiveUpdatesTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** True when a cached read's request is about this site, or about no site in particular (an asset by id, the vault). */
export function requestConcernsSite(request: unknown, siteId: number): boolean {
  const requestSite = typeof request === 'object' && request !== null ? (request as { siteId?: unknown }).siteId : undefined;
  return typeof requestSite !== 'number' || requestSite === siteId;
}

/** How long notices are gathered before the reads they name are fetched again. */
export const COALESCE_MS = 200;

/**
 * Keeps open screens true to the data: folds the server's `data:changed` notices into refetches
 * of the reads they make stale. Notices arriving within one window are gathered per site and
 * topic, and each stale read is fetched once at the end of it, so a CLI import of thousands of
 * rows, or a collection of a hundred hosts, costs a few refetches, not a storm. A gap in the
 * notice numbers, or a restarted event stream, means notices were missed: everything is read again.
 */
export class LiveUpdates {
  private lastSeq: number | null = null;
  private pending = new Map<number | null, Set<ChangeTopic>>();
  private window: unknown = null;

  constructor(
    private readonly target: LiveUpdatesTarget,
    private readonly timers: LiveUpdatesTimers,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  /** Takes one notice from the server. */
  receive(notice: DataChangedEvent): void {
    const expected = this.lastSeq === null ? notice.seq : this.lastSeq + 1;
    this.lastSeq = notice.seq;
    if (notice.seq !== expected) {
      this.resync();
      return;
    }
    const topics = this.pending.get(notice.siteId) ?? new Set<ChangeTopic>();
    for (const topic of notice.topics) topics.add(topic);
    this.pending.set(notice.siteId, topics);
    this.window ??= this.timers.setTimeout(() => this.flush(), this.coalesceMs);
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
    this.cancelWindow();
    this.pending.clear();
  }

  private resync(): void {
    this.dispose();
    this.target.invalidateAll();
  }

  private flush(): void {
    this.window = null;
    const pending = this.pending;
    this.pending = new Map();
    const everySite = pending.get(null);
    for (const [siteId, topics] of pending) {
      // A change that belongs to no site refreshes those channels for every site; skip repeating them per site.
      const channels = new Set([...topics].flatMap((topic) => READS_BY_TOPIC[topic]));
      if (siteId !== null && everySite) for (const topic of everySite) for (const channel of READS_BY_TOPIC[topic]) channels.delete(channel);
      if (channels.size > 0) this.target.invalidate([...channels], siteId);
    }
  }

  private cancelWindow(): void {
    if (this.window !== null) this.timers.clearTimeout(this.window);
    this.window = null;
  }
}
