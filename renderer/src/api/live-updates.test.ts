import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract';
import { READS_BY_TOPIC } from './change-topics';
import { LiveUpdates, requestConcernsSite, type LiveUpdatesTimers } from './live-updates';

function setup() {
  const calls: { channels: ChannelName[]; siteId: number | null }[] = [];
  let everything = 0;
  const timers = new Map<number, () => void>();
  let next = 1;
  const manual: LiveUpdatesTimers = {
    setTimeout: (callback) => {
      timers.set(next, callback);
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  const live = new LiveUpdates({ invalidate: (channels, siteId) => calls.push({ channels: [...channels].sort(), siteId }), invalidateAll: () => everything++ }, manual);
  const closeWindow = () => {
    const due = [...timers.values()];
    timers.clear();
    for (const callback of due) callback();
  };
  return { live, calls, everything: () => everything, openWindows: () => timers.size, closeWindow };
}

const sorted = (channels: readonly ChannelName[]) => [...new Set(channels)].sort();

describe('LiveUpdates', () => {
  it('gathers the notices of one window and refreshes each stale read once per site', () => {
    const { live, calls, openWindows, closeWindow } = setup();
    for (let seq = 1; seq <= 40; seq++) live.receive({ seq, siteId: 1, topics: seq % 2 === 0 ? ['assets'] : ['patch-status'] });
    live.receive({ seq: 41, siteId: 2, topics: ['exceptions'] });
    expect(openWindows()).toBe(1);
    expect(calls).toEqual([]);

    closeWindow();
    expect(calls).toEqual([
      { channels: sorted([...READS_BY_TOPIC.assets, ...READS_BY_TOPIC['patch-status']]), siteId: 1 },
      { channels: sorted(READS_BY_TOPIC.exceptions), siteId: 2 },
    ]);

    live.receive({ seq: 42, siteId: 1, topics: ['cycles'] });
    closeWindow();
    expect(calls.at(-1)).toEqual({ channels: sorted(READS_BY_TOPIC.cycles), siteId: 1 });
  });

  it('refreshes a change of no site for every site, without repeating it per site', () => {
    const { live, calls, closeWindow } = setup();
    live.receive({ seq: 1, siteId: null, topics: ['credentials'] });
    live.receive({ seq: 2, siteId: 3, topics: ['credentials', 'scans'] });
    closeWindow();
    expect(calls).toEqual([
      { channels: sorted(READS_BY_TOPIC.credentials), siteId: null },
      { channels: sorted(READS_BY_TOPIC.scans), siteId: 3 },
    ]);
  });

  it('reads everything again after a gap in the numbers or a restarted server, dropping what was pending', () => {
    const { live, calls, everything, openWindows } = setup();
    live.receive({ seq: 7, siteId: 1, topics: ['assets'] });
    live.receive({ seq: 9, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    expect(openWindows()).toBe(0);
    live.receive({ seq: 10, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    live.receive({ seq: 1, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(2);
    expect(calls).toEqual([]);
  });

  it('reads everything again when the event stream reopens, and counts afresh from the next notice', () => {
    const { live, everything, openWindows } = setup();
    live.receive({ seq: 4, siteId: 1, topics: ['assets'] });
    live.reconnected();
    expect(everything()).toBe(1);
    expect(openWindows()).toBe(0);
    live.receive({ seq: 12, siteId: 1, topics: ['assets'] });
    expect(everything()).toBe(1);
    expect(openWindows()).toBe(1);
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
