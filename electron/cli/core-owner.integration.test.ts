import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess, startHostProcess } from '../test-support/shared-folder-load';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';

afterAll(removeTempDirs);

/** Real processes on a 2-core runner shared with the rest of the suite. */
const TIMEOUT_MS = 180_000;

describe('one owner per data folder, with real processes', () => {
  it('a CLI command against a running browser host goes over its socket and never opens the database', async () => {
    const dataDir = makeTempDir();
    const host = await startHostProcess(dataDir);
    try {
      const owner = await runCliProcess(dataDir, ['owner', '--json']);
      expect(owner.code).toBe(0);
      expect(JSON.parse(owner.out)).toMatchObject({ kind: 'browser-host', pid: host.pid, here: false, mode: 'browser', databaseOpenHere: false, actor: 'cli-load' });

      const added = await runCliProcess(dataDir, ['site', 'add', 'Forwarded', '--network', '192.0.2.0/24']);
      expect(added).toMatchObject({ code: 0, out: expect.stringContaining('Added site "Forwarded"') });
      expect(await runCliProcess(dataDir, ['site', 'list'])).toMatchObject({ code: 0, out: expect.stringContaining('Forwarded') });
      expect(await runCliProcess(dataDir, ['verify', '--log'])).toMatchObject({ code: 0, out: expect.stringContaining('The audit log is intact') });
    } finally {
      expect(await host.stop()).toBe(0);
    }
    const db = new Database(join(dataDir, 'patchdesk.db'), { readonly: true });
    try {
      // The host's process wrote the site, as the CLI command that asked (its PATCHDESK_ACTOR), not as the host's user.
      expect(db.prepare("SELECT actor, via FROM audit_log WHERE entity_type = 'site' AND action = 'created'").all()).toEqual([{ actor: 'cli-load', via: 'cli' }]);
    } finally {
      db.close();
    }
  }, TIMEOUT_MS);

  it('forwarded writes are audited as each CLI command’s own actor, the host’s own as the host’s, in one intact chain', async () => {
    const dataDir = makeTempDir();
    const host = await startHostProcess(dataDir);
    const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    try {
      expect(await runCliProcess(dataDir, ['site', 'add', 'Clinic', '--network', '192.0.2.0/24'], 'alice')).toMatchObject({ code: 0 });
      const sites = (await host.invoke('sites:list', {})) as { ok: boolean; value?: { id: number; name: string }[] };
      const siteId = sites.value?.find((site) => site.name === 'Clinic')?.id;
      expect(await host.invoke('assets:create', { siteId, fields: { hostname: 'pc-1', addresses: ['192.0.2.10'] } })).toMatchObject({ ok: true });
      expect(await runCliProcess(dataDir, ['policy', 'kev', '--site', 'Clinic', '--all', '7'], 'bob')).toMatchObject({ code: 0 });
      expect(await runCliProcess(dataDir, ['exception', 'add', '--site', 'Clinic', '--asset', 'pc-1', '--reason', 'vendor support ends', '--owner', 'Dr. Vogel', '--expires', expires], 'carol')).toMatchObject({ code: 0 });
      expect(await runCliProcess(dataDir, ['verify', '--log'], 'alice')).toMatchObject({ code: 0, out: expect.stringContaining('The audit log is intact: 4 entries') });
    } finally {
      expect(await host.stop()).toBe(0);
    }
    const db = new Database(join(dataDir, 'patchdesk.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT actor, via, entity_type, action FROM audit_log ORDER BY id').all()).toEqual([
        { actor: 'alice', via: 'cli', entity_type: 'site', action: 'created' },
        { actor: 'host-load', via: 'browser', entity_type: 'asset', action: 'created' },
        { actor: 'bob', via: 'cli', entity_type: 'policy', action: 'policy-changed' },
        { actor: 'carol', via: 'cli', entity_type: 'exception', action: 'exception-created' },
      ]);
      expect(db.prepare('SELECT created_by FROM exceptions').all()).toEqual([{ created_by: 'carol' }]);
    } finally {
      db.close();
    }
  }, TIMEOUT_MS);

  it('a killed owner releases the folder: the next command owns it, and nothing is left to clean up', async () => {
    const dataDir = makeTempDir();
    const host = await startHostProcess(dataDir);
    expect((await runCliProcess(dataDir, ['site', 'add', 'Before'])).code).toBe(0);
    await host.kill();
    const owner = await runCliProcess(dataDir, ['owner', '--json']);
    expect(JSON.parse(owner.out)).toMatchObject({ kind: 'cli', here: true, databaseOpenHere: true });
    expect(await runCliProcess(dataDir, ['site', 'list'])).toMatchObject({ code: 0, out: expect.stringContaining('Before') });
    // And a host starts on it again.
    const again = await startHostProcess(dataDir);
    expect(await again.stop()).toBe(0);
  }, TIMEOUT_MS);

  it('CLI commands started together take turns or forward to whichever owns the folder: no lost write, one audit chain', async () => {
    const dataDir = makeTempDir();
    const runs = await Promise.all(Array.from({ length: 8 }, (_, index) => runCliProcess(dataDir, ['site', 'add', `Together ${index}`])));
    expect(runs.filter((run) => run.code !== 0).map((run) => run.err)).toEqual([]);
    const listed = await runCliProcess(dataDir, ['site', 'list', '--json']);
    expect((JSON.parse(listed.out) as { name: string }[]).map((site) => site.name).sort()).toEqual(Array.from({ length: 8 }, (_, index) => `Together ${index}`));
    expect(await runCliProcess(dataDir, ['verify', '--log'])).toMatchObject({ code: 0, out: expect.stringContaining('intact: 8 entries') });
    const db = new Database(join(dataDir, 'patchdesk.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT prev_hash, COUNT(*) AS n FROM audit_log GROUP BY prev_hash HAVING n > 1').all()).toEqual([]);
    } finally {
      db.close();
    }
  }, TIMEOUT_MS);
});
