import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/contract/common';
import type { JobRecord } from '../../shared/contract/jobs';
import type { EventListener } from '../platform/event-bus';
import { createCliContext, type CliBackend, type CliCoreOwner } from './cli-context';
import { announceOwner } from './commands/rollout.command';
import { waitForJob } from './job-wait';

function job(state: JobRecord['state']): JobRecord {
  return { id: 'j1', kind: 'scan', siteId: 1, state, owner: null, heartbeatAt: null, parameters: {}, progress: {}, seq: 1, result: null, error: '', cancelRequestedAt: null, createdBy: 't', createdAt: '2026-11-02T09:00:00.000Z', startedAt: null, finishedAt: null };
}

/** A backend whose job state, events and loss the test drives by hand. */
function scriptedBackend(initial: JobRecord['state']) {
  let state = initial;
  const listeners = new Set<EventListener>();
  const lost: ((reason: string) => void)[] = [];
  const backend: CliBackend = {
    invoke: async (channel): Promise<ApiResult<unknown>> => (channel === 'jobs:get' ? { ok: true, value: { job: job(state), steps: [] } } : { ok: false, error: { code: 'not_found', message: channel } }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onLost: (listener) => lost.push(listener),
  };
  return {
    backend,
    listeners,
    finish(final: JobRecord['state']) {
      state = final;
      for (const listener of listeners) listener('job:progress', { jobId: 'j1', kind: 'scan', siteId: 1, seq: 2, state: final, progress: {} });
    },
    lose: (reason: string) => lost.forEach((listener) => listener(reason)),
  };
}

const lines: string[] = [];
const contextOver = (backend: CliBackend, owner: CliCoreOwner = { kind: 'cli', pid: 42, here: true }) => createCliContext(backend, owner, (line) => lines.push(line), (line) => lines.push(line), false);

describe('waitForJob', () => {
  it('answers at once for a job that had already ended', async () => {
    const script = scriptedBackend('succeeded');
    expect((await waitForJob(contextOver(script.backend), 'j1')).state).toBe('succeeded');
    expect(script.listeners.size).toBe(0);
  });

  it('waits for the final job:progress event, then reads the job', async () => {
    const script = scriptedBackend('running');
    const waiting = waitForJob(contextOver(script.backend), 'j1');
    await Promise.resolve();
    script.finish('failed');
    expect((await waiting).state).toBe('failed');
    expect(script.listeners.size).toBe(0);
  });

  it('fails naming the owner when the owner stops first', async () => {
    const script = scriptedBackend('running');
    const waiting = waitForJob(contextOver(script.backend), 'j1');
    script.lose('the browser host (pid 7), which owns this data folder, stopped before answering');
    await expect(waiting).rejects.toThrow('the browser host (pid 7), which owns this data folder, stopped before answering; job j1 did not finish here');
  });
});

describe('rollout start: who runs the rollout', () => {
  it('says a rollout in this CLI process stops with it and is followed; in a host it keeps running and is followed only with --wait', () => {
    const backend = scriptedBackend('running').backend;
    lines.length = 0;
    expect(announceOwner(contextOver(backend, { kind: 'cli', pid: 42, here: true }), 3, false)).toEqual({ follow: true, haltOnInterrupt: true });
    expect(lines.pop()).toMatch(/^Rollout 3 runs in this CLI process \(pid 42\): .*stops when this command ends.*--wait is implied.*patchdesk rollout resume 3/);
    expect(announceOwner(contextOver(backend, { kind: 'cli', pid: 43, here: false }), 3, false)).toEqual({ follow: true, haltOnInterrupt: true });
    expect(lines.pop()).toMatch(/^Rollout 3 runs in another patchdesk CLI command \(pid 43\), which owns this data folder now: it stops when that command ends/);
    expect(announceOwner(contextOver(backend, { kind: 'browser-host', pid: 1234, here: false }), 3, false)).toEqual({ follow: false, haltOnInterrupt: false });
    expect(lines.pop()).toBe('Rollout 3 runs in the browser host (pid 1234) and keeps running after this command exits: follow it with "patchdesk rollout show 3".');
    expect(announceOwner(contextOver(backend, { kind: 'desktop', pid: 99, here: false }), 3, true)).toEqual({ follow: true, haltOnInterrupt: false });
    expect(lines.pop()).toBe('Rollout 3 runs in the Patchdesk desktop app (pid 99) and keeps running after this command exits; waiting for it here (Ctrl-C stops waiting, not the rollout).');
  });
});
