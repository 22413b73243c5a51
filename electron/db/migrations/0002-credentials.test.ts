import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

describe('migration 0002 (credentials)', () => {
  it('upgrades a version-1 database with data in it, keeping the data and a backup', () => {
    const dir = makeTempDir();
    const file = join(dir, 'patchdesk.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    v1.close();

    const v2 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    expect(v2.prepare('SELECT name FROM sites').get()).toEqual({ name: 'Acme' });
    v2.prepare("INSERT INTO credentials (site_id, name, kind, auth_method, sealed_secrets, created_at, updated_at) VALUES (1, 'x', 'ssh', 'key', 'v1.a.b.c', 'now', 'now')").run();
    expect(() => v2.prepare("INSERT INTO credentials (site_id, name, kind, auth_method, sealed_secrets, created_at, updated_at) VALUES (1, 'X', 'ssh', 'key', 'v1.a.b.c', 'now', 'now')").run()).toThrow(/UNIQUE/);
    v2.close();
    const backup = openDatabase(`${file}.before-v2-from-v1.bak`, { migrations: MIGRATIONS.slice(0, 1), backupBeforeMigrate: false });
    expect(backup.prepare('SELECT COUNT(*) AS n FROM sites').get()).toEqual({ n: 1 });
    backup.close();
  });
});
