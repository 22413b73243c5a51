import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const v7 = MIGRATIONS.findIndex((migration) => migration.version === 7) + 1;

describe('migration 0007 (compliance indexes)', () => {
  it('upgrades a version-6 database with collections in it, and the latest success per asset is an index lookup', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const v6 = openDatabase(file, { migrations: MIGRATIONS.slice(0, v7 - 1) });
    v6.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    v6.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'web01', 'active', 'manual', 'now', 'now')").run();
    v6.prepare("INSERT INTO host_collections (asset_id, collected_at, method, outcome) VALUES (1, '2026-11-01T00:00:00.000Z', 'ssh', 'ok'), (1, '2026-11-02T00:00:00.000Z', 'ssh', 'failed')").run();
    v6.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, v7) });
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    const query = "SELECT MAX(collected_at) AS at FROM host_collections WHERE asset_id = 1 AND outcome = 'ok'";
    expect(db.prepare(query).get()).toEqual({ at: '2026-11-01T00:00:00.000Z' });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('host_collections_by_outcome');
    db.close();
  });
});
