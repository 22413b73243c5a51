import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract';
import { READS_BY_TOPIC } from './change-topics';
import { COALESCE_MS, LiveUpdates, MIN_REFRESH_GAP_MS, requestConcernsSite, type LiveUpdatesTimers } from './live-updates';

/** Live updates over a clock and timers the test moves by hand. */
function setup() {
  const calls: { at: number; channels: ChannelName[]; siteId: number | null }[] = [];
  let everything = 0;
  let now = 1000;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const manual: LiveUpdatesTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  const live = new LiveUpdates({ invalidate: (channels, siteId) => calls.push({ at: now, channels: [...channels].sort(), siteId }), invalidateAll: () => everything++ }, manual);
  /** Moves the clock to `to`, firing each timer due on the way at its own time. */
  const advanceTo = (to: number) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, timer]) => timer.at <= to).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = to;
  };
  return { live, calls, everything: () => everything, timersSet: () => timers.size, now: () => now, advanceTo };
}

const sorted = (...lists: (readonly ChannelName[])[]) => [...new Set(lists.flat())].sort();

describe('LiveUpdates', () => {
  it('refreshes a change shortly after its notice, each stale read once per site', () => {
    const { live, calls, advanceTo } = setup();
    live.receive({ seq: 1, siteId: 1, topics: ['assets'] });
    live.receive({ seq: 2, siteId: 1, topics: ['patch-status'] });
    live.receive({ seq: 3, siteId: 2, topics: ['assets'] });
    advanceTo(1000 + COALESCE_MS - 1);
    expect(calls).toEqual([]);
    advanceTo(1000 + COALESCE_MS);
    expect(calls).toEqual([
      { at: 1200, channels: sorted(READS_BY_TOPIC.assets, READS_BY_TOPIC['patch-status']), siteId: 1 },
      { at: 1200, channels: sorted(READS_BY_TOPIC.assets), siteId: 2 },
    ]);
  });

  it('refreshes a topic that keeps changing at most once per gap, without holding back other topics', () => {
    const { live, calls, advanceTo } = setup();
    let seq = 0;
    // A scan in another process: a notice about the assets every 50 ms for five seconds.
    for (let at = 1000; at < 6000; at += 50) {
      advanceTo(at);
      live.receive({ seq: ++seq, siteId: 1, topics: ['assets'] });
      if (at === 1500) live.receive({ seq: ++seq, siteId: 1, topics: ['evidence'] });
    }
    advanceTo(10_000);
    expect(calls.map((call) => [call.at, call.channels.includes('evidence:packs'), call.channels.includes('assets:list')])).toEqual([
      [1200, false, true],
      [1700, true, false],
      [1200 + MIN_REFRESH_GAP_MS, false, true],
      [1200 + 2 * MIN_REFRESH_GAP_MS, false, true],
      [1200 + 3 * MIN_REFRESH_GAP_MS, false, true],
    ]);
  });

  it('refreshes a change of no site for every site, without repeating it per site', () => {
    const { live, calls, advanceTo } = setup();
    live.receive({ seq: 1, siteId: null, topics: ['credentials'] });
    live.receive({ seq: 2, siteId: 3, topics: ['credentials', 'scans'] });
    advanceTo(2000);
    expect(calls).toEqual([
      { at: 1200, channels: sorted(READS_BY_TOPIC.credentials), siteId: null },
      { at: 1200, channels: sorted(READS_BY_TOPIC.scans), siteId: 3 },
    ]);
  });

  it('reads everything again after a gap in the numbers or a restarted server, dropping what was pending', () => {
    const { live, calls, everything, timersSet, advanceTo } = setup();
    live.receive({ seq: 7, siteId: 1, topics: ['assets'] });
    live.receive({ seq: 9, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    expect(timersSet()).toBe(0);
    live.receive({ seq: 10, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    live.receive({ seq: 1, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(2);
    advanceTo(5000);
    expect(calls).toEqual([]);
  });

  it('reads everything again when the event stream reopens, and counts afresh from the next notice', () => {
    const { live, everything, timersSet } = setup();
    live.receive({ seq: 4, siteId: 1, topics: ['assets'] });
    live.reconnected();
    expect(everything()).toBe(1);
    expect(timersSet()).toBe(0);
    live.receive({ seq: 12, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    expect(timersSet()).toBe(1);
  });
});

describe('requestConcernsSite', () => {
  it('matches reads of the site and reads of no particular site', () => {
    expect(requestConcernsSite({ siteId: 2, statuses: ['active'] }, 2)).toBe(true);
    expect(requestConcernsSite({ siteId: 3 }, 2)).toBe(false);
    expect(requestConcernsSite({ assetId: 9 }, 2)).toBe(true);
    expect(requestConcernsSite({ siteId: null }, 2)).toBe(true);
    expect(requestConcernsSite({}, 2)).toBe(true);
  });
});
