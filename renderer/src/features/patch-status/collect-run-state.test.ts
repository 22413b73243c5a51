import { describe, expect, it } from 'vitest';
import type { CollectionRunSummary, EventOf } from '../../../../shared/contract';
import { collectionProgress, isCollecting, latestCollectionForSite, orderedHosts, reduceCollections } from './collect-run-state';

const hostEvent = (assetId: number, phase: EventOf<'collect:host'>['phase'], extra: Partial<EventOf<'collect:host'>> = {}): EventOf<'collect:host'> => ({ jobId: 'j1', runId: 5, assetId, hostname: `h${assetId}`, phase, ...extra });
const summary: CollectionRunSummary = { id: 5, siteId: 1, status: 'completed', startedAt: '2026-11-22T10:00:00.000Z', finishedAt: '2026-11-22T10:01:00.000Z', hostsTotal: 3, hostsOk: 2, hostsFailed: 1 };

describe('reduceCollections', () => {
  it('follows hosts through their phases to the end of the run', () => {
    let state = reduceCollections({}, [{ type: 'started', jobId: 'j1', runId: 5, siteId: 1, hostsTotal: 3 }]);
    state = reduceCollections(state, [
      { type: 'host', event: hostEvent(1, 'queued') },
      { type: 'host', event: hostEvent(2, 'queued') },
      { type: 'host', event: hostEvent(1, 'connecting') },
      { type: 'host', event: hostEvent(1, 'done', { pendingCount: 4, securityCount: 1 }) },
      { type: 'host', event: hostEvent(2, 'failed', { errorCode: 'auth_failed', message: 'Permission denied' }) },
    ]);
    const run = state.j1!;
    expect(run.hosts.map((h) => [h.assetId, h.phase])).toEqual([
      [1, 'done'],
      [2, 'failed'],
    ]);
    expect(run.hosts[0]).toMatchObject({ pendingCount: 4, securityCount: 1 });
    expect(collectionProgress(run)).toMatchObject({ finished: 2, ok: 1, failed: 1, queued: 1, total: 3 });
    expect(orderedHosts(run).map((h) => h.phase)).toEqual(['failed', 'done']);
    expect(isCollecting(run)).toBe(true);
    state = reduceCollections(state, [{ type: 'finished', event: { jobId: 'j1', summary } }]);
    expect(isCollecting(state.j1!)).toBe(false);
  });

  it('never moves a host backwards when events arrive out of order', () => {
    const state = reduceCollections({}, [
      { type: 'host', event: hostEvent(1, 'collecting') },
      { type: 'host', event: hostEvent(1, 'connecting') },
      { type: 'host', event: hostEvent(1, 'done') },
      { type: 'host', event: hostEvent(1, 'collecting') },
    ]);
    expect(state.j1!.hosts[0]!.phase).toBe('done');
  });

  it('finds the run of a site, also one seen only through events', () => {
    const state = reduceCollections({}, [{ type: 'host', event: hostEvent(1, 'queued') }]);
    expect(latestCollectionForSite(state, 1, new Set([5]))?.jobId).toBe('j1');
    expect(latestCollectionForSite(state, 1, new Set())).toBeNull();
  });
});
