import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../../../shared/contract/compliance';
import { TrendCache } from './trend-cache';

const point = (month: string): TrendPoint => ({ month, from: `${month}-01T00:00:00.000Z`, to: `${month}-28T00:00:00.000Z`, assets: 1, measured: 1, fullyPatchedShare: 1, withinSlaShare: null, missing: 0, overdue: 0, securityMissing: 0, breaches: 0 });
const END_OF_OCTOBER = Date.parse('2026-11-01T00:00:00Z');
const none = (watermark: number) => ({ earliestMs: null, maxId: watermark });

describe('TrendCache', () => {
  it('keeps points while the fingerprint holds and later collections describe later times', () => {
    const cache = new TrendCache();
    expect(cache.lookup(1, 'a', none).size).toBe(0);
    cache.store(1, 'a', 10, [{ key: 'oct', toMs: END_OF_OCTOBER, point: point('2026-10') }]);
    expect(cache.lookup(1, 'a', none).get('oct')).toMatchObject({ month: '2026-10' });
    // A collection taken in November leaves October as it was, and moves the watermark.
    let asked = -1;
    expect(cache.lookup(1, 'a', (after) => ((asked = after), { earliestMs: Date.parse('2026-11-02T09:00:00Z'), maxId: 12 })).size).toBe(1);
    expect(asked).toBe(10);
    cache.lookup(1, 'a', (after) => ((asked = after), { earliestMs: null, maxId: after }));
    expect(asked).toBe(12);
    expect(cache.lookup(2, 'a', none).size).toBe(0);
  });

  it('drops a site when its fingerprint changes or a collection describes a cached month', () => {
    const cache = new TrendCache();
    cache.store(1, 'a', 10, [{ key: 'oct', toMs: END_OF_OCTOBER, point: point('2026-10') }]);
    expect(cache.lookup(1, 'b', none).size).toBe(0);
    expect(cache.lookup(1, 'a', none).size).toBe(0);

    cache.store(1, 'a', 10, [{ key: 'oct', toMs: END_OF_OCTOBER, point: point('2026-10') }]);
    expect(cache.lookup(1, 'a', () => ({ earliestMs: Date.parse('2026-10-20T00:00:00Z'), maxId: 11 })).size).toBe(0);

    cache.store(1, 'a', 10, [{ key: 'oct', toMs: END_OF_OCTOBER, point: point('2026-10') }]);
    cache.invalidate(1);
    expect(cache.lookup(1, 'a', none).size).toBe(0);
  });
});
