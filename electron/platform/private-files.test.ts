import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { openAppCore } from '../core/app-core';
import { fixedClock } from './clock';
import { ensurePrivateDir, tightenPrivateTree } from './private-files';

afterEach(removeTempDirs);

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private data folder', () => {
  it('creates the data folder 0700 with its parents', () => {
    const dir = join(makeTempDir(), 'a', 'Patchdesk');
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens an existing folder and everything in it, but not what a symlink points to', () => {
    const root = makeTempDir();
    const outside = join(makeTempDir(), 'outside.txt');
    writeFileSync(outside, 'x', { mode: 0o644 });
    mkdirSync(join(root, 'cycle-evidence', 'ab'), { recursive: true, mode: 0o755 });
    writeFileSync(join(root, 'patchdesk.db'), '', { mode: 0o644 });
    writeFileSync(join(root, 'cycle-evidence', 'ab', 'abcd'), 'proof', { mode: 0o666 });
    symlinkSync(outside, join(root, 'link'));
    chmodSync(root, 0o755);

    expect(tightenPrivateTree(root)).toEqual({ tightened: 5, failures: [] });
    expect([root, join(root, 'cycle-evidence'), join(root, 'cycle-evidence', 'ab')].map(mode)).toEqual([0o700, 0o700, 0o700]);
    expect([join(root, 'patchdesk.db'), join(root, 'cycle-evidence', 'ab', 'abcd')].map(mode)).toEqual([0o600, 0o600]);
    expect(mode(outside)).toBe(0o644);
    expect(tightenPrivateTree(root).tightened).toBe(0);
  });

  it('opens an installation with every file owner-only: database, WAL, signing key, packs, attachments', async () => {
    const dataDir = join(makeTempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'left-by-an-older-version.txt'), 'x', { mode: 0o644 });
    const core = openAppCore({ dataDir, mode: 'cli', actor: 'tester', clock: fixedClock(new Date('2026-01-20T10:00:00.000Z')) });
    const call = async (channel: string, request: unknown) => {
      const result = await core.dispatcher.invoke(channel, request);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { id: number };
    };
    const site = await call('sites:create', { name: 'Acme' });
    const cycle = await call('cycles:openEmergency', { siteId: site.id, trigger: 'CVE-2026-1', reason: 'test', deadline: '2026-01-27' });
    const detail = (await call('cycles:get', { cycleId: cycle.id })) as unknown as { items: { key: string }[] };
    await call('cycles:tick', { cycleId: cycle.id, key: detail.items[0]?.key, state: 'done', note: 'proof', evidence: [{ kind: 'file', name: 'proof.txt', contentBase64: Buffer.from('proof').toString('base64') }] });
    await core.services.evidence.export(site.id, '2026-01-01', '2026-02-01');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          expect([path, mode(path)]).toEqual([path, 0o700]);
          walk(path);
        } else files.push(path);
      }
    };
    expect(mode(dataDir)).toBe(0o700);
    walk(dataDir);
    expect(files.map((file) => file.slice(dataDir.length + 1).split('/')[0]).sort()).toEqual(
      expect.arrayContaining(['cycle-evidence', 'evidence-packs', 'evidence-signing-key.pem', 'patchdesk.db', 'patchdesk.db-shm', 'patchdesk.db-wal']),
    );
    expect(files.filter((file) => mode(file) !== 0o600)).toEqual([]);
    await core.close();
  });
});
