/**
 * Change notices for open screens. The serving process (desktop main, browser host) looks for
 * commits cheaply and often: `PRAGMA data_version` moves when another process (the CLI, a second
 * host) commits, `total_changes()` when this one does. Only then does it read what the audit log
 * and the host collections gained since the last look and whether any site's scans or collection
 * runs changed in place, and push one `data:changed` notice per site naming the topics. Writes in
 * this process also ask for a look at once (`poke`), so their notice does not wait for the next poll.
 */
import { ChangeTopic, type DataChangedEvent } from '../../../shared/contract/changes';
import type { EventBus } from '../../platform/event-bus';
import type { ChangeFeedRepository, CommitMarker, FeedHeads, JobDigest } from '../../db/repositories/change-feed.repository';
import { COLLECTION_RUN_TOPICS, CVE_MAPPING_TOPICS, HOST_COLLECTION_TOPICS, JOB_TOPICS, SCAN_JOB_TOPICS, topicsOfAuditRow } from './change-topics';

/** When the watcher looks; tests pass their own and call `tick` themselves. */
export interface ChangeWatcherTimers {
  /** Calls `look` every `ms` until the returned function is called. */
  every(ms: number, look: () => void): () => void;
  /** Calls `look` once, after the work under way (a request, a job step) has finished. */
  soon(look: () => void): void;
}

/** Node's timers, not keeping the process alive on their own. */
export const NODE_TIMERS: ChangeWatcherTimers = {
  every(ms, look) {
    const handle = setInterval(look, ms);
    handle.unref();
    return () => clearInterval(handle);
  },
  soon(look) {
    setImmediate(look);
  },
};

/** How often the serving process looks for commits: a pragma and a one-row read, so cheap enough to do often. */
export const DEFAULT_POLL_MS = 250;

export interface ChangeWatcherDeps {
  feed: ChangeFeedRepository;
  events: EventBus;
  timers?: ChangeWatcherTimers;
  pollMs?: number;
}

export class ChangeWatcher {
  private marker: CommitMarker;
  private heads: FeedHeads;
  private jobs: Map<number, JobDigest>;
  private seq = 0;
  private lookScheduled = false;
  private stopPolling: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;

  /** Starts from the current state: what was written before is not news. */
  constructor(private readonly deps: ChangeWatcherDeps) {
    this.marker = deps.feed.marker();
    this.heads = deps.feed.heads();
    this.jobs = digestsBySite(deps.feed.jobDigests());
  }

  /** Starts polling, and looking right after each job event of this process (a host scanned or collected). */
  start(): void {
    if (this.stopPolling) return;
    const timers = this.deps.timers ?? NODE_TIMERS;
    this.stopPolling = timers.every(this.deps.pollMs ?? DEFAULT_POLL_MS, () => this.tickSafely());
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event !== 'data:changed') this.poke();
    });
  }

  /** Stops looking (shutdown). */
  stop(): void {
    this.stopPolling?.();
    this.unsubscribe?.();
    this.stopPolling = null;
    this.unsubscribe = null;
  }

  /** Asks for a look once the current work is done (after a request of this process); several asks make one look. */
  poke(): void {
    if (!this.stopPolling || this.lookScheduled) return;
    this.lookScheduled = true;
    (this.deps.timers ?? NODE_TIMERS).soon(() => {
      this.lookScheduled = false;
      // Stopped in between: the database may be closed by now.
      if (this.stopPolling) this.tickSafely();
    });
  }

  /**
   * Looks once: when a write committed since the last look, pushes and returns the notices for
   * what it changed (empty when nothing did, or when a transaction of this process is still open,
   * whose rows may yet be rolled back: the next look takes them).
   */
  tick(): DataChangedEvent[] {
    const { feed } = this.deps;
    if (feed.inTransaction()) return [];
    const marker = feed.marker();
    if (marker.dataVersion === this.marker.dataVersion && marker.totalChanges === this.marker.totalChanges) return [];
    const heads = feed.heads();
    const topics = new Map<number | null, Set<ChangeTopic>>();
    const add = (siteId: number | null, added: readonly ChangeTopic[]) => {
      if (added.length === 0) return;
      const set = topics.get(siteId) ?? new Set<ChangeTopic>();
      for (const topic of added) set.add(topic);
      topics.set(siteId, set);
    };
    if (heads.auditId > this.heads.auditId) {
      for (const row of feed.auditBetween(this.heads.auditId, heads.auditId)) add(row.siteId, topicsOfAuditRow(row.entityType, row.action));
    }
    if (heads.collectionId > this.heads.collectionId) {
      for (const siteId of feed.collectionSitesBetween(this.heads.collectionId, heads.collectionId)) add(siteId, HOST_COLLECTION_TOPICS);
    }
    const jobs = digestsBySite(feed.jobDigests());
    for (const [siteId, digest] of jobs) {
      const before = this.jobs.get(siteId);
      if (digest.scans !== (before?.scans ?? '')) add(siteId, SCAN_JOB_TOPICS);
      if (digest.collections !== (before?.collections ?? '')) add(siteId, COLLECTION_RUN_TOPICS);
      if (digest.jobs !== (before?.jobs ?? '')) add(siteId, JOB_TOPICS);
      if (digest.mapping !== (before?.mapping ?? '')) add(siteId, CVE_MAPPING_TOPICS);
    }
    // Moved only once everything is read, so a look that fails is repeated in full by the next one.
    this.marker = marker;
    this.heads = { auditId: Math.max(this.heads.auditId, heads.auditId), collectionId: Math.max(this.heads.collectionId, heads.collectionId) };
    this.jobs = jobs;

    const notices = [...topics.entries()]
      .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
      .map(([siteId, set]): DataChangedEvent => ({ seq: ++this.seq, siteId, topics: ChangeTopic.options.filter((topic) => set.has(topic)) }));
    for (const notice of notices) this.deps.events.emit('data:changed', notice);
    return notices;
  }

  /** A failed look (the database closing under it, a busy moment) is tried again at the next one. */
  private tickSafely(): void {
    try {
      this.tick();
    } catch (error) {
      console.warn(`patchdesk: could not look for changes: ${(error as Error).message}`);
    }
  }
}

function digestsBySite(digests: readonly JobDigest[]): Map<number, JobDigest> {
  return new Map(digests.map((digest) => [digest.siteId, digest]));
}
