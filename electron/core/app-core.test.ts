import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs } from '../test-support/temp-dir';
import { call, openTestCore } from '../test-support/test-core';

afterEach(removeTempDirs);

const turns = (count: number) => new Promise<void>((resolve) => {
  let left = count;
  const next = () => (--left <= 0 ? resolve() : setImmediate(next));
  setImmediate(next);
});

describe('AppCore.warmUp', () => {
  it('prepares each site in the background, one per turn, without warnings', async () => {
    const core = openTestCore();
    await call(core, 'sites:create', { name: 'One', timezone: 'Europe/Berlin' });
    await call(core, 'sites:create', { name: 'Two', timezone: 'America/New_York' });
    const summary = vi.spyOn(core.services.compliance, 'summary');
    const warn = vi.spyOn(console, 'warn');
    core.warmUp();
    expect(summary).not.toHaveBeenCalled();
    await turns(4);
    expect(summary.mock.calls.map(([siteId]) => siteId)).toEqual([1, 2]);
    expect(warn).not.toHaveBeenCalled();
    await core.close();
  });

  it('stops when the core closes first', async () => {
    const core = openTestCore();
    await call(core, 'sites:create', { name: 'One' });
    const summary = vi.spyOn(core.services.compliance, 'summary');
    core.warmUp();
    await core.close();
    await turns(3);
    expect(summary).not.toHaveBeenCalled();
  });
});
