import { describe, expect, it } from 'vitest';
import type { RolloutHost, RolloutRing } from '../../../../shared/contract';
import { currentStep, hostElapsedMs, lastOutputLines, localiseInstants, ringAwaitingApproval, ringColumns, rollbackCandidates } from './rollout-view-model';

const ring = (id: number, position: number, extra: Partial<RolloutRing> = {}): RolloutRing => ({ id, position, name: `r${id}`, concurrency: 1, gate: { allVerified: false, healthPassed: true, soakMinutes: 0, manualApproval: false }, windowRing: null, gateApprovedBy: null, gateApprovedAt: null, startedAt: null, endedAt: null, gateWaits: [], ...extra });
const host = (id: number, ringId: number, extra: Partial<RolloutHost> = {}): RolloutHost => ({ id, ringId, assetId: id, hostname: `h${id}`, state: 'pending', step: '', message: '', previewProblem: '', rebootExpected: null, rebooted: false, bootIdBefore: null, bootIdAfter: null, slot: '', postChecksPassed: null, verifiedAt: null, attempts: 0, startedAt: null, finishedAt: null, packages: [], events: [], manual: null, ...extra });

describe('rollout view model', () => {
  it('puts hosts in their ring column in ring order and counts finished ones', () => {
    const columns = ringColumns({ rings: [ring(2, 1), ring(1, 0)], hosts: [host(3, 2, { state: 'installed' }), host(1, 1, { hostname: 'b' }), host(2, 1, { hostname: 'a', state: 'failed' })] });
    expect(columns.map((column) => [column.ring.id, column.hosts.map((each) => each.hostname), column.done])).toEqual([
      [1, ['a', 'b'], 1],
      [2, ['h3'], 1],
    ]);
  });

  it('measures elapsed time from the recorded steps, to now only while running', () => {
    const startedAt = '2026-12-07T10:00:00.000Z';
    const now = Date.parse('2026-12-07T10:02:00.000Z');
    expect(hostElapsedMs({ startedAt: null, finishedAt: null, state: 'pending' }, now)).toBeNull();
    expect(hostElapsedMs({ startedAt, finishedAt: null, state: 'running' }, now)).toBe(120_000);
    expect(hostElapsedMs({ startedAt, finishedAt: '2026-12-07T10:00:30.000Z', state: 'installed' }, now)).toBe(30_000);
    expect(hostElapsedMs({ startedAt, finishedAt: null, state: 'failed' }, now)).toBeNull();
  });

  it('shows the last lines of the latest output', () => {
    const at = '2026-12-07T10:00:00.000Z';
    const events = [
      { at, step: 'install', outcome: 'ok' as const, message: '', outputTail: 'one\ntwo\nthree\nfour\n' },
      { at, step: 'post', outcome: 'started' as const, message: '', outputTail: '' },
    ];
    expect(lastOutputLines(events)).toEqual(['two', 'three', 'four']);
    expect(lastOutputLines([])).toEqual([]);
    expect(currentStep(host(1, 1, { events }))).toEqual({ step: 'post', message: '' });
  });

  it('finds the ring whose gate waits for approval, and hosts that can be rolled back', () => {
    const waiting = ring(1, 0, { gate: { allVerified: false, healthPassed: true, soakMinutes: 0, manualApproval: true }, endedAt: '2026-12-07T10:00:00.000Z' });
    expect(ringAwaitingApproval({ state: 'waiting', rings: [waiting, ring(2, 1)] })?.id).toBe(1);
    expect(ringAwaitingApproval({ state: 'completed', rings: [waiting] })).toBeUndefined();
    expect(rollbackCandidates([host(1, 1, { state: 'installed' }), host(2, 1, { state: 'nothing_to_do' }), host(3, 1, { state: 'rolled_back' })]).map((each) => each.id)).toEqual([1]);
  });

  it('writes the instants in a host’s output as the site’s local time, summer and winter', () => {
    expect(localiseInstants('collected at 2026-10-24T22:30:00.000Z: lab-hello 1.1', 'Europe/Berlin')).toBe('collected at 2026-10-25 00:30: lab-hello 1.1');
    expect(localiseInstants('soaks until 2026-11-02T09:00:00Z; then 2026-11-02T10:00:00.000Z', 'Europe/Berlin')).toBe('soaks until 2026-11-02 10:00; then 2026-11-02 11:00');
  });
});
