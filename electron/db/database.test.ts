import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { DatabaseOpenError, openDatabase } from './database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';

afterEach(removeTempDirs);

describe('openDatabase', () => {
  it('creates a file, applies every migration and sets the pragmas', () => {
    const file = join(makeTempDir(), 'data', 'patchdesk.db');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    reopened.close();
  });

  it('refuses a database from a newer version and leaves it unchanged', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer Patchdesk \(schema version \d+; this version knows up to \d+\).*Nothing was changed/);
  });

  it('refuses a file that is not a database with a clear message', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    writeFileSync(file, 'this is not sqlite at all, just some text that someone saved here'.repeat(100));
    const attempt = () => openDatabase(file);
    expect(attempt).toThrow(DatabaseOpenError);
    expect(attempt).toThrow(/is not a readable Patchdesk database.*Nothing was changed/);
  });

  it('rolls a failing migration back completely', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    openDatabase(file).close();
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/rolled back and is unchanged/);
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });
});
