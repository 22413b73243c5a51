import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const v5 = MIGRATIONS.findIndex((migration) => migration.version === 5) + 1;

describe('migration 0005 (cycles)', () => {
  it('upgrades a version-4 database with data in it and enforces one baseline per site and month', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const v4 = openDatabase(file, { migrations: MIGRATIONS.slice(0, v5 - 1) });
    v4.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    v4.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'web01', 'active', 'manual', 'now', 'now')").run();
    v4.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, v5) });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT hostname FROM assets').get()).toEqual({ hostname: 'web01' });
    const baseline = db.prepare("INSERT INTO cycles (site_id, kind, month, title, anchor_date, period_from, status, opened_at, opened_by) VALUES (1, 'baseline', ?, 't', '2026-11-10', 'x', 'open', 'now', 'me')");
    baseline.run('2026-11');
    expect(() => baseline.run('2026-11')).toThrow(/UNIQUE/);
    baseline.run('2026-12');
    const emergency = db.prepare("INSERT INTO cycles (site_id, kind, title, trigger_kind, trigger_ref, reason, anchor_date, deadline_at, period_from, status, opened_at, opened_by) VALUES (1, 'emergency', 't', 'cve', ?, ?, '2026-11-02', 'later', 'x', 'open', 'now', 'me')");
    emergency.run('CVE-2026-1', 'exploited');
    emergency.run('CVE-2026-1', 'exploited');
    expect(() => emergency.run('CVE-2026-2', '')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE cycles SET status = 'closed' WHERE id = 1").run()).toThrow(/CHECK/);

    db.prepare("INSERT INTO asset_rings (asset_id, ring, updated_at, updated_by) VALUES (1, 'pilot', 'now', 'me')").run();
    expect(() => db.prepare("INSERT INTO maintenance_windows (site_id, ring, weekdays, start_time, duration_minutes, position) VALUES (1, 'canary', 'sat', '22:00', 60, 0)").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM assets WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM asset_rings').get()).toEqual({ n: 0 });
    db.close();
  });
});
