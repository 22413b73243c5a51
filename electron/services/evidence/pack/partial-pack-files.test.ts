import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { partialPackName, partialPackOwner, processIsAlive, removeInterruptedPackFiles, STALE_PARTIAL_AGE_MS } from './partial-pack-files';

afterEach(removeTempDirs);

describe('partial pack files', () => {
  it('names a temporary pack after its target and writer, and reads the writer back', () => {
    const name = partialPackName('/packs/acme-2026-10.zip', 4242);
    expect(name).toMatch(/^\.acme-2026-10\.zip\.4242-[0-9a-f]{8}\.partial$/);
    expect(partialPackOwner(name)).toBe(4242);
    for (const other of ['acme.zip', '.acme.zip.partial', '.acme.zip.12-xyz.partial', 'acme.zip.12-0123abcd.partial', '.notes.txt.12-0123abcd.partial', '.acme.zip.12-0123abcd.partial.bak']) expect(partialPackOwner(other)).toBeNull();
  });

  it('removes only our own temporary files whose writer is gone or that are a day old', () => {
    const folder = makeTempDir();
    const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
    const gone = '.acme.zip.101-0123abcd.partial';
    const running = '.acme.zip.202-89abcdef.partial';
    const runningButOld = '.old.zip.202-00000000.partial';
    const foreign = ['acme.zip', '.acme.zip.partial', 'notes.partial', '.keep.txt.101-0123abcd.partial'];
    for (const name of [gone, running, runningButOld, ...foreign]) writeFileSync(join(folder, name), 'PK');
    const recent = clock.now().getTime() / 1000;
    for (const name of [gone, running, ...foreign]) utimesSync(join(folder, name), recent, recent);
    const dayOld = (clock.now().getTime() - STALE_PARTIAL_AGE_MS - 1000) / 1000;
    utimesSync(join(folder, runningButOld), dayOld, dayOld);
    mkdirSync(join(folder, '.dir.zip.101-0123abcd.partial'));
    symlinkSync(join(folder, 'acme.zip'), join(folder, '.link.zip.101-0123abcd.partial'));

    const removed = removeInterruptedPackFiles(folder, { clock, isProcessAlive: (pid) => pid === 202 });
    expect(removed.sort()).toEqual([gone, runningButOld].sort());
    expect(readdirSync(folder).sort()).toEqual([running, ...foreign, '.dir.zip.101-0123abcd.partial', '.link.zip.101-0123abcd.partial'].sort());
  });

  it('finds nothing to do in a missing folder', () => {
    expect(removeInterruptedPackFiles(join(makeTempDir(), 'evidence-packs'), { clock: fixedClock(new Date()) })).toEqual([]);
  });

  it('tells a running process from one that has exited', () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(processIsAlive(process.pid)).toBe(true);
    expect(exited).toBeGreaterThan(0);
    expect(processIsAlive(exited as number)).toBe(false);
  });
});
