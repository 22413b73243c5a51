import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../../shared/contract';
import { activeJobs, reduceLiveJobs, type LiveJobs } from './live-jobs-state';

const row = (extra: Partial<JobRecord> = {}): JobRecord => ({
  id: 'j1',
  kind: 'scan',
  siteId: 1,
  state: 'running',
  owner: { pid: 10, host: 'ws', instanceId: 'a', startedAt: '2026-11-02T09:00:00.000Z' },
  heartbeatAt: '2026-11-02T09:00:00.000Z',
  parameters: {},
  progress: { probed: 10 },
  seq: 4,
  result: null,
  error: '',
  cancelRequestedAt: null,
  createdBy: 'ana',
  createdAt: '2026-11-02T09:00:00.000Z',
  startedAt: '2026-11-02T09:00:00.000Z',
  finishedAt: null,
  ...extra,
});
const event = (seq: number, extra: Record<string, unknown> = {}) => ({ type: 'event' as const, event: { jobId: 'j1', kind: 'scan', siteId: 1, seq, state: 'running' as const, progress: { probed: seq * 10 }, ...extra } });

describe('reduceLiveJobs', () => {
  it('re-attaches from the list, then follows events and ignores the ones already seen', () => {
    let state: LiveJobs = reduceLiveJobs({}, { type: 'listed', rows: [row()] });
    expect(state['j1']).toMatchObject({ state: 'running', seq: 4, progress: { probed: 10 } });
    state = reduceLiveJobs(state, event(3));
    state = reduceLiveJobs(state, event(4));
    expect(state['j1']?.progress).toEqual({ probed: 10 });
    state = reduceLiveJobs(state, event(6));
    state = reduceLiveJobs(state, event(5));
    expect(state['j1']).toMatchObject({ seq: 6, progress: { probed: 60 } });
    state = reduceLiveJobs(state, event(7, { state: 'succeeded', result: { liveHosts: 3 }, error: '' }));
    expect(state['j1']).toMatchObject({ state: 'succeeded', result: { liveHosts: 3 } });
    expect(activeJobs(state)).toEqual([]);
  });

  it('takes a stored row that trails the events only when it is final', () => {
    let state: LiveJobs = reduceLiveJobs({}, event(9));
    const unchanged = reduceLiveJobs(state, { type: 'listed', rows: [row({ seq: 5 })] });
    expect(unchanged).toBe(state);
    state = reduceLiveJobs(state, { type: 'listed', rows: [row({ seq: 6, state: 'interrupted', error: 'its process stopped' })] });
    expect(state['j1']).toMatchObject({ state: 'interrupted', error: 'its process stopped', seq: 9 });
  });

  it('starts following a job another process started, from the list', () => {
    const state = reduceLiveJobs({}, { type: 'listed', rows: [row({ id: 'j2', kind: 'collect', seq: 1 })] });
    expect(activeJobs(state).map((job) => [job.id, job.kind])).toEqual([['j2', 'collect']]);
  });
});
