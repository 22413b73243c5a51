import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { AuditLogRepository, GENESIS_HASH, hashAuditEntry } from '../repositories/audit-log.repository';
import { writeTransaction } from '../write-transaction';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 19) + 1;

describe('migration 0019 (how a change came)', () => {
  it('keeps an existing chain verifying (its rows have no via), chains new rows with one onto it, and keeps jobs', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    const old = { at: '2026-11-02T10:00:00.000Z', actor: 'ana', siteId: null, entityType: 'site' as const, entityId: null, action: 'created', details: { name: 'Acme' } };
    const detailsJson = JSON.stringify(old.details);
    before
      .prepare('INSERT INTO audit_log (at, actor, site_id, entity_type, entity_id, action, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(old.at, old.actor, old.siteId, old.entityType, old.entityId, old.action, detailsJson, GENESIS_HASH, hashAuditEntry(GENESIS_HASH, old, detailsJson));
    before.prepare("INSERT INTO jobs (id, kind, state, parameters_json, created_by, created_at) VALUES ('j1', 'scan', 'succeeded', '{}', 'ana', 'now')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(19);
    const log = new AuditLogRepository(db, 'cli');
    expect(log.verifyChain()).toBeNull();
    writeTransaction(db, () => log.append({ ...old, action: 'renamed' }));
    expect(log.verifyChain()).toBeNull();
    expect(db.prepare('SELECT action, via FROM audit_log ORDER BY id').all()).toEqual([
      { action: 'created', via: null },
      { action: 'renamed', via: 'cli' },
    ]);
    expect(db.prepare('SELECT created_by, created_via FROM jobs').get()).toEqual({ created_by: 'ana', created_via: null });
    expect(() => db.prepare("UPDATE jobs SET created_via = 'telnet'").run()).toThrow(/CHECK/);
    db.close();
  });
});
