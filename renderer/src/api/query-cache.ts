import type { ChannelName } from '../../../shared/contract';

/** What a component sees of one cached call. `data` stays while a refetch runs, so nothing jumps. */
export interface QuerySnapshot<T = unknown> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer (or error) arrives. */
  loading: boolean;
  /** True while any fetch for this key is in flight. */
  fetching: boolean;
}

interface Entry {
  channel: ChannelName;
  request: unknown;
  snapshot: QuerySnapshot;
  listeners: Set<() => void>;
  generation: number;
  stale: boolean;
}

const EMPTY: QuerySnapshot = { data: undefined, error: undefined, loading: true, fetching: false };

/** The cache key of a call. */
export function queryKey(channel: ChannelName, request: unknown): string {
  return `${channel} ${JSON.stringify(request ?? {})}`;
}

/**
 * Read calls cached by channel and request. Mutations invalidate whole channels; watched entries
 * refetch at once, unwatched ones on their next use. A late answer from an older fetch never
 * overwrites a newer one.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly fetcher: (channel: ChannelName, request: unknown) => Promise<unknown>) {}

  /** The current snapshot of a key (a stable object between changes). */
  snapshot(key: string): QuerySnapshot {
    return this.entries.get(key)?.snapshot ?? EMPTY;
  }

  /** Watches a call; fetches it when it has no fresh answer yet. */
  watch(channel: ChannelName, request: unknown, listener: () => void): () => void {
    const key = queryKey(channel, request);
    const entry = this.entry(key, channel, request);
    entry.listeners.add(listener);
    if (entry.stale && !entry.snapshot.fetching) void this.fetch(key);
    return () => entry.listeners.delete(listener);
  }

  /** Fetches a key again now. */
  refetch(key: string): Promise<void> {
    return this.fetch(key);
  }

  /**
   * Marks every cached call of the channels stale (only those whose request `matches`, when
   * given) and refetches the watched ones.
   */
  invalidate(channelNames: readonly ChannelName[], matches?: (request: unknown) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!channelNames.includes(entry.channel)) continue;
      if (matches && !matches(entry.request)) continue;
      entry.stale = true;
      if (entry.listeners.size > 0) void this.fetch(key);
    }
  }

  /** Marks every cached call stale and refetches the watched ones (after missed change notices). */
  invalidateAll(): void {
    this.invalidate([...new Set([...this.entries.values()].map((entry) => entry.channel))]);
  }

  /** Puts a known answer into the cache (after a mutation that returns the new state). */
  set(channel: ChannelName, request: unknown, data: unknown): void {
    const key = queryKey(channel, request);
    const entry = this.entry(key, channel, request);
    entry.generation += 1;
    entry.stale = false;
    this.update(entry, { data, error: undefined, loading: false, fetching: false });
  }

  private entry(key: string, channel: ChannelName, request: unknown): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { channel, request, snapshot: EMPTY, listeners: new Set(), generation: 0, stale: true };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async fetch(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    const generation = ++entry.generation;
    entry.stale = false;
    this.update(entry, { ...entry.snapshot, fetching: true });
    try {
      const fetched = await this.fetcher(entry.channel, entry.request);
      // An answer equal to the one shown keeps its object, so a refetch that changed nothing
      // (most after a change notice) neither re-renders tables nor resets forms built from it.
      const data = sameJson(fetched, entry.snapshot.data) ? entry.snapshot.data : fetched;
      if (generation === entry.generation) this.update(entry, { data, error: undefined, loading: false, fetching: false });
    } catch (error) {
      if (generation === entry.generation) this.update(entry, { ...entry.snapshot, error, loading: false, fetching: false });
    }
  }

  private update(entry: Entry, snapshot: QuerySnapshot): void {
    entry.snapshot = snapshot;
    for (const listener of [...entry.listeners]) listener();
  }
}

/** Deep equality of two values parsed from JSON (objects, arrays and primitives only). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameJson(left[key], right[key]));
}
