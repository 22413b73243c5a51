import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 16) + 1;

describe('migration 0016 (rollout plan features)', () => {
  it('keeps existing rollouts as they were (no filters, no resume time, no manual step) and checks the evidence hash', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'sw01', 'active', 'manual', 'now', 'now')").run();
    before.prepare("INSERT INTO rollouts (site_id, name, state, selection_kind, reboot_policy, failure_budget, created_by, created_at) VALUES (1, 'December', 'waiting', 'all', 'if-required', '1', 'ana', 'now')").run();
    before.prepare("INSERT INTO rollout_rings (rollout_id, position, name, concurrency) VALUES (1, 0, 'test', 1)").run();
    before.prepare("INSERT INTO rollout_hosts (rollout_id, ring_id, asset_id, hostname, state) VALUES (1, 1, 1, 'sw01', 'pending')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.prepare('SELECT selection_kind, selection_filters_json, resume_at FROM rollouts').get()).toEqual({ selection_kind: 'all', selection_filters_json: '{}', resume_at: null });
    expect(db.prepare('SELECT manual, manual_target, manual_note, manual_sha256 FROM rollout_hosts').get()).toEqual({ manual: 0, manual_target: '', manual_note: null, manual_sha256: null });
    expect(() => db.prepare("UPDATE rollout_hosts SET manual_sha256 = 'XYZ'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE rollout_hosts SET manual = 2').run()).toThrow(/CHECK/);
    db.prepare('UPDATE rollout_hosts SET manual = 1, manual_sha256 = ?').run('a'.repeat(64));
    db.close();
  });
});
