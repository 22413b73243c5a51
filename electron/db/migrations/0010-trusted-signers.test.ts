import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 10) + 1;
const fingerprint = `SHA256:${'A'.repeat(43)}`;

describe('migration 0010 (trusted signers)', () => {
  it('upgrades the previous version with data in it; one row per fingerprint, shape and name checked', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT name FROM sites').get()).toEqual({ name: 'Acme' });
    const add = db.prepare('INSERT INTO evidence_trusted_signers (fingerprint, name, added_by, added_at) VALUES (?, ?, ?, ?)');
    add.run(fingerprint, 'Northwind Berlin', 'ana', '2026-11-02T09:00:00.000Z');
    expect(() => add.run(fingerprint, 'Again', 'ana', 'now')).toThrow(/UNIQUE/);
    expect(() => add.run('SHA256:short', 'Short', 'ana', 'now')).toThrow(/CHECK/);
    expect(() => add.run(`MD5:${'A'.repeat(46)}`, 'Other', 'ana', 'now')).toThrow(/CHECK/);
    expect(() => add.run(`SHA256:${'B'.repeat(43)}`, '', 'ana', 'now')).toThrow(/CHECK/);
    db.close();
  });
});
