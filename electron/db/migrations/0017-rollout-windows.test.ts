import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 17) + 1;

describe('migration 0017 (Windows in rollouts)', () => {
  it('keeps existing rollouts and packages, with no KBs named and no titles', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'web01', 'active', 'manual', 'now', 'now')").run();
    before.prepare("INSERT INTO rollouts (site_id, name, state, selection_kind, selection_packages_json, reboot_policy, failure_budget, pre_commands_json, post_commands_json, auto_rollback, created_by, created_at) VALUES (1, 'December', 'planned', 'packages', '[\"openssl\"]', 'never', '0', '[]', '[]', 1, 'ana', 'now')").run();
    before.prepare("INSERT INTO rollout_rings (rollout_id, position, name, concurrency, gate_all_verified, gate_health_passed, gate_soak_minutes, gate_manual_approval) VALUES (1, 0, 'test', 1, 0, 1, 0, 0)").run();
    before.prepare("INSERT INTO rollout_hosts (rollout_id, ring_id, asset_id, hostname, state) VALUES (1, 1, 1, 'web01', 'pending')").run();
    before.prepare("INSERT INTO rollout_packages (host_id, name, from_version, to_version, requested) VALUES (1, 'openssl', '3.0.1', '3.0.2', 1)").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(17);
    expect(db.prepare('SELECT selection_packages_json, selection_kbs_json FROM rollouts').get()).toEqual({ selection_packages_json: '["openssl"]', selection_kbs_json: '[]' });
    expect(db.prepare('SELECT name, title, to_version FROM rollout_packages').get()).toEqual({ name: 'openssl', title: '', to_version: '3.0.2' });
    db.close();
  });
});
