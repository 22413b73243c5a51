import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const v9 = MIGRATIONS.findIndex((migration) => migration.version === 9) + 1;

describe('migration 0009 (fix publication)', () => {
  it('keeps existing missing fixes on first seen and accepts a publication with its basis only together', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, v9 - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (1, 'web01', 'active', 'manual', 'now', 'now')").run();
    before.prepare("INSERT INTO pending_updates (asset_id, update_key, name, kind, available_version, first_seen_at, last_seen_at) VALUES (1, 'pkg:curl:', 'curl', 'upgrade', '1', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, v9) });
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT published_at, published_basis FROM pending_updates').get()).toEqual({ published_at: null, published_basis: null });
    db.prepare("UPDATE pending_updates SET published_at = '2026-10-03T00:00:00.000Z', published_basis = 'published'").run();
    expect(() => db.prepare("UPDATE pending_updates SET published_basis = 'guessed'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pending_updates SET published_at = NULL").run()).toThrow(/CHECK/);
    db.close();
  });
});
