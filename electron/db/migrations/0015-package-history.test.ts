import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 15) + 1;

describe('migration 0015 (package history)', () => {
  it('backfills open intervals from the latest snapshot, marked as backfill, and keeps the history append-only', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    const asset = before.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, ?, 'active', 'manual', 'now', 'now')");
    for (const name of ['web01', 'db01', 'new01']) asset.run(name);
    const collect = before.prepare("INSERT INTO host_collections (asset_id, collected_at, method, outcome) VALUES (?, ?, 'ssh', ?)");
    collect.run(1, '2026-10-01T09:00:00.000Z', 'ok');
    collect.run(1, '2026-11-01T09:00:00.000Z', 'ok');
    collect.run(1, '2026-11-02T09:00:00.000Z', 'failed');
    collect.run(2, '2026-11-01T11:00:00+01:00', 'ok');
    collect.run(3, '2026-11-01T11:00:00.000Z', 'failed');
    const pkg = before.prepare("INSERT INTO installed_packages (asset_id, name, arch, version, status) VALUES (?, ?, 'x86_64', ?, 'installed')");
    pkg.run(1, 'kernel', '5.14.0-427');
    pkg.run(1, 'kernel', '5.14.0-503');
    pkg.run(1, 'openssl', '3.0.7');
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    expect(db.prepare('SELECT * FROM package_history_assets ORDER BY asset_id').all()).toEqual([
      { asset_id: 1, first_measured_at: '2026-11-01T09:00:00.000Z', first_collection_id: 2, backfilled: 1, last_confirmed_at: '2026-11-01T09:00:00.000Z', last_confirmed_collection_id: 2 },
      { asset_id: 2, first_measured_at: '2026-11-01T10:00:00.000Z', first_collection_id: 4, backfilled: 1, last_confirmed_at: '2026-11-01T10:00:00.000Z', last_confirmed_collection_id: 4 },
    ]);
    expect(db.prepare('SELECT asset_id, name, version, first_seen_at, first_collection_id, backfilled, ended_at FROM package_history ORDER BY name, version').all()).toEqual([
      { asset_id: 1, name: 'kernel', version: '5.14.0-427', first_seen_at: '2026-11-01T09:00:00.000Z', first_collection_id: 2, backfilled: 1, ended_at: null },
      { asset_id: 1, name: 'kernel', version: '5.14.0-503', first_seen_at: '2026-11-01T09:00:00.000Z', first_collection_id: 2, backfilled: 1, ended_at: null },
      { asset_id: 1, name: 'openssl', version: '3.0.7', first_seen_at: '2026-11-01T09:00:00.000Z', first_collection_id: 2, backfilled: 1, ended_at: null },
    ]);

    const end = db.prepare("UPDATE package_history SET ended_at = ?, end_reason = 'removed', last_confirmed_at = '2026-11-01T09:00:00.000Z' WHERE name = 'openssl'");
    end.run('2026-11-08T09:00:00.000Z');
    expect(() => end.run('2026-11-09T09:00:00.000Z')).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE package_history SET version = '3.0.8' WHERE name = 'kernel'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE package_history SET ended_at = '2026-11-08T09:00:00.000Z' WHERE name = 'kernel'").run()).toThrow(/CHECK/);
    const open = db.prepare("INSERT INTO package_history (asset_id, name, arch, version, status, first_seen_at) VALUES (1, 'kernel', 'x86_64', '5.14.0-427', 'installed', 'now')");
    expect(() => open.run()).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM assets WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM package_history').get()).toEqual({ n: 0 });
    db.close();
  });
});
