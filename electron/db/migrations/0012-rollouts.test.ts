import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 12) + 1;

describe('migration 0012 (rollouts)', () => {
  it('upgrades the previous version with data in it; states, rings and one row per host and package are checked', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'web01', 'active', 'manual', 'now', 'now')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    const rollout = db.prepare("INSERT INTO rollouts (site_id, name, state, selection_kind, reboot_policy, failure_budget, created_by, created_at) VALUES (1, 'December', ?, 'all', 'if-required', '10%', 'ana', 'now')");
    rollout.run('planned');
    expect(() => rollout.run('exploded')).toThrow(/CHECK/);
    db.prepare("INSERT INTO rollout_rings (rollout_id, position, name, concurrency) VALUES (1, 0, 'test', 2)").run();
    expect(() => db.prepare("INSERT INTO rollout_rings (rollout_id, position, name, concurrency) VALUES (1, 1, 'test', 2)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO rollout_rings (rollout_id, position, name, concurrency) VALUES (1, 1, 'pilot', 0)").run()).toThrow(/CHECK/);
    const host = db.prepare("INSERT INTO rollout_hosts (rollout_id, ring_id, asset_id, hostname, state) VALUES (1, 1, 1, 'web01', ?)");
    host.run('pending');
    expect(() => host.run('pending')).toThrow(/UNIQUE/);
    const pkg = db.prepare("INSERT INTO rollout_packages (host_id, name, from_version, to_version, requested) VALUES (1, 'openssl', '3.0.1', '3.0.2', 1)");
    pkg.run();
    expect(() => pkg.run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('DELETE FROM assets WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM rollouts WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM rollout_packages').get()).toEqual({ n: 0 });
    db.close();
  });
});
