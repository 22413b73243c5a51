import { describe, expect, it } from 'vitest';
import { QueryCache, queryKey, sameJson } from './query-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('QueryCache', () => {
  it('fetches on first watch and keeps data while refetching', async () => {
    let calls = 0;
    const cache = new QueryCache(async () => ++calls);
    const key = queryKey('sites:list', {});
    cache.watch('sites:list', {}, () => undefined);
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.snapshot(key)).toMatchObject({ data: 1, loading: false });
    cache.invalidate(['sites:list']);
    expect(cache.snapshot(key)).toMatchObject({ data: 1, fetching: true });
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.snapshot(key).data).toBe(2);
  });

  it('ignores a late answer from an older fetch', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let index = 0;
    const cache = new QueryCache(() => answers[index++]!.promise);
    const key = queryKey('sites:list', {});
    cache.watch('sites:list', {}, () => undefined);
    cache.invalidate(['sites:list']);
    answers[1]!.resolve('new');
    await new Promise((r) => setTimeout(r, 0));
    answers[0]!.resolve('old');
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.snapshot(key).data).toBe('new');
  });

  it('does not refetch unwatched entries on invalidate', async () => {
    let calls = 0;
    const cache = new QueryCache(async () => ++calls);
    const stop = cache.watch('sites:list', {}, () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    stop();
    cache.invalidate(['sites:list']);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
  });

  it('invalidates only the requests that match, or every entry at once', async () => {
    const calls: unknown[] = [];
    const cache = new QueryCache(async (_channel, request) => calls.push(request));
    cache.watch('status:fleet', { siteId: 1 }, () => undefined);
    cache.watch('status:fleet', { siteId: 2 }, () => undefined);
    cache.watch('sites:list', {}, () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    calls.length = 0;
    cache.invalidate(['status:fleet'], (request) => (request as { siteId: number }).siteId === 2);
    expect(calls).toEqual([{ siteId: 2 }]);
    cache.invalidateAll();
    expect(calls).toEqual([{ siteId: 2 }, { siteId: 1 }, { siteId: 2 }, {}]);
  });

  it('keeps the shown object when a refetch answers the same', async () => {
    const answers = [{ rows: [{ id: 1, tags: ['a'] }] }, { rows: [{ id: 1, tags: ['a'] }] }, { rows: [{ id: 1, tags: ['b'] }] }];
    let index = 0;
    const cache = new QueryCache(async () => answers[index++]);
    const key = queryKey('assets:list', { siteId: 1 });
    cache.watch('assets:list', { siteId: 1 }, () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    const first = cache.snapshot(key).data;
    cache.invalidate(['assets:list']);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.snapshot(key).data).toBe(first);
    cache.invalidate(['assets:list']);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.snapshot(key).data).toEqual({ rows: [{ id: 1, tags: ['b'] }] });
  });
});

describe('sameJson', () => {
  it('compares parsed JSON deeply', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, c: 1 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('x', 'x')).toBe(true);
  });
});
