import { describe, expect, it } from 'vitest';
import { JobRegistry } from './job-registry';

describe('JobRegistry', () => {
  it('returns an id at once, lets callers wait even after the job ended, and cancels by id', async () => {
    const jobs = new JobRegistry<string>('test');
    const quick = jobs.start(async () => 'done');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await jobs.wait(quick)).toBe('done');

    const slow = jobs.start((_id, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve('cancelled'))));
    jobs.cancel(slow);
    expect(await jobs.wait(slow)).toBe('cancelled');
    expect(() => jobs.wait('nope')).toThrow('no test job nope');
  });

  it('stops every running job on shutdown', async () => {
    const jobs = new JobRegistry<number>('test');
    const ids = [1, 2].map(() => jobs.start((_id, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(0)))));
    await jobs.stopAll();
    expect(await Promise.all(ids.map((id) => jobs.wait(id)))).toEqual([0, 0]);
  });
});
