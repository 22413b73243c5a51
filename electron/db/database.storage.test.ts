import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppCore } from '../core/app-core';
import { runCliCapturing } from '../test-support/run-cli';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { DatabaseOpenError, openDatabase } from './database';

/** Mount points this file made, unmounted after each test even when it fails. */
const mounts: string[] = [];

afterEach(() => {
  for (const point of mounts.splice(0).reverse()) execFileSync('umount', [point]);
  removeTempDirs();
});

/** Root can write through any file mode, so a read-only folder and a full disk need real mounts. */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'patchdesk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmdirSync(probe);
  }
}

function readOnlyView(source: string): string {
  const point = makeTempDir('patchdesk-readonly-');
  execFileSync('mount', ['--bind', source, point]);
  mounts.push(point);
  execFileSync('mount', ['-o', 'remount,bind,ro', point]);
  return point;
}

function smallDisk(size: string): string {
  const point = makeTempDir('patchdesk-small-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', point]);
  mounts.push(point);
  return point;
}

/** Fills the file system under `dir` to the last byte. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeFileSync(filler, chunk, { flag: 'a' });
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  try {
    for (;;) writeFileSync(filler, Buffer.alloc(512), { flag: 'a' });
  } catch {
    // full to the block
  }
  return filler;
}

function openError(run: () => unknown): DatabaseOpenError {
  try {
    run();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error('the database opened');
}

describe.skipIf(!canMount())('a read-only data folder or a full disk is named as such', () => {
  it('a read-only folder, with or without a database in it, is reported as read-only and not as damaged', async () => {
    const existing = makeTempDir();
    openDatabase(join(existing, 'patchdesk.db')).close();
    const withDatabase = readOnlyView(existing);
    const empty = readOnlyView(makeTempDir());

    for (const folder of [withDatabase, empty]) {
      const error = openError(() => openDatabase(join(folder, 'patchdesk.db')));
      expect(error.reason).toBe('read_only');
      expect(error.message).toContain(`The data folder ${folder} is read-only`);
      expect(error.message).not.toMatch(/damaged|not a readable/);
    }

    const cli = await runCliCapturing(withDatabase, ['site', 'list']);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`The data folder ${withDatabase} is read-only`);
  });

  it('a disk that is full when the database is created, or fills up later, is reported as full; what was there stays intact', async () => {
    const full = smallDisk('1m');
    fill(full);
    const atCreation = openError(() => openDatabase(join(full, 'patchdesk.db')));
    expect(atCreation.reason).toBe('disk_full');
    expect(atCreation.message).toContain(`The disk holding the data folder ${full} is full`);

    const dataDir = smallDisk('4m');
    const core = openAppCore({ dataDir, mode: 'cli', actor: 'tester' });
    const site = await core.dispatcher.invoke('sites:create', { name: 'Acme' });
    expect(site.ok).toBe(true);
    const filler = fill(dataDir);
    const rows = Array.from({ length: 20_000 }, (_, index) => `host-${index}-${'x'.repeat(40)},10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`);
    const imported = await core.dispatcher.invoke('import:csvCommit', {
      siteId: 1,
      text: `hostname,ip\n${rows.join('\n')}\n`,
      fileName: 'big.csv',
      delimiter: ',',
      hasHeader: true,
      mapping: { hostname: 0, addresses: 1 },
    });
    expect(imported).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringContaining(`The disk holding the data folder ${dataDir} is full`) } });

    rmSync(filler);
    expect(await core.dispatcher.invoke('assets:list', { siteId: 1 })).toEqual({ ok: true, value: [] });
    expect(core.db.pragma('quick_check', { simple: true })).toBe('ok');
    await core.close();
  });
});
