import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { call, openTestCore } from '../test-support/test-core';
import { PACK_LIBRARY_FOLDER } from './app-core';

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

describe('AppCore start', () => {
  it('removes the temporary file an interrupted export left in the pack library, and nothing else', async () => {
    const dataDir = makeTempDir();
    const library = join(dataDir, PACK_LIBRARY_FOLDER);
    mkdirSync(library);
    const exited = spawnSync(process.execPath, ['-e', '']).pid as number;
    const leftOver = `.acme-2026-10-01-to-2026-10-31-20261102T090000Z.zip.${exited}-0123abcd.partial`;
    writeFileSync(join(library, leftOver), 'PK half a pack');
    writeFileSync(join(library, 'acme.zip'), 'PK');
    const core = openTestCore({ dataDir });
    expect(readdirSync(library)).toEqual(['acme.zip']);
    await core.close();
  });
});
