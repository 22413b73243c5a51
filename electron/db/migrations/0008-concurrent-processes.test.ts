import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { AuditLogRepository, GENESIS_HASH, hashAuditEntry, type AuditEntryInput } from '../repositories/audit-log.repository';
import { writeTransaction } from '../write-transaction';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const v8 = MIGRATIONS.findIndex((migration) => migration.version === 8) + 1;

function entry(action: string): AuditEntryInput {
  return { at: '2026-11-02T10:00:00.000Z', actor: 'tester', siteId: null, entityType: 'site', entityId: null, action, details: {} };
}

function insertRaw(db: ReturnType<typeof openDatabase>, prevHash: string, input: AuditEntryInput): string {
  const detailsJson = JSON.stringify(input.details);
  const hash = hashAuditEntry(prevHash, input, detailsJson);
  db.prepare('INSERT INTO audit_log (at, actor, site_id, entity_type, entity_id, action, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    input.at, input.actor, input.siteId, input.entityType, input.entityId, input.action, detailsJson, prevHash, hash,
  );
  return hash;
}

describe('migration 0008 (several processes, one database)', () => {
  it('upgrades a database whose chain an older version already forked, keeps reporting the fork, and refuses any new fork', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const v7 = openDatabase(file, { migrations: MIGRATIONS.slice(0, v8 - 1) });
    const first = insertRaw(v7, GENESIS_HASH, entry('one'));
    insertRaw(v7, first, entry('two, by the desktop app'));
    insertRaw(v7, first, entry('two, by the CLI at the same moment'));
    v7.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    v7.prepare("INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses) VALUES (1, '[]', '[]', '{}', 'running', 'now', 1)").run();
    v7.close();

    const atV8 = openDatabase(file, { migrations: MIGRATIONS.slice(0, v8) });
    expect(atV8.pragma('user_version', { simple: true })).toBe(8);
    expect(atV8.prepare('SELECT owner_pid, owner_instance, heartbeat_at FROM scans').get()).toEqual({ owner_pid: null, owner_instance: null, heartbeat_at: null });
    atV8.close();
    // Today's repository writes today's columns: the rest runs on the fully migrated file.
    const db = openDatabase(file);
    const audit = new AuditLogRepository(db);
    expect(audit.verifyChain()).toEqual({ brokenAtId: 3, reason: expect.stringContaining('previous hash does not match') });

    writeTransaction(db, () => audit.append(entry('three, after the upgrade')));
    const head = audit.chainHead();
    const third = db.prepare('SELECT hash FROM audit_log WHERE id = 3').get() as { hash: string };
    expect(db.prepare('SELECT prev_hash FROM audit_log WHERE id = ?').get(head.id)).toEqual({ prev_hash: third.hash });

    expect(() => insertRaw(db, first, entry('a fork from an old head'))).toThrow(/must follow the current chain head/);
    expect(() => insertRaw(db, GENESIS_HASH, entry('a second genesis'))).toThrow(/must follow the current chain head/);
    expect(insertRaw(db, head.hash, entry('four'))).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('takes the genesis hash for the first row of an empty log, and only that', () => {
    const db = openDatabase(join(makeTempDir(), 'patchdesk.db'));
    expect(() => insertRaw(db, 'f'.repeat(64), entry('not first'))).toThrow(/must follow the current chain head/);
    insertRaw(db, GENESIS_HASH, entry('first'));
    expect(new AuditLogRepository(db).verifyChain()).toBeNull();
    db.close();
  });

  it('refuses an audit entry appended outside a write transaction', () => {
    const db = openDatabase(join(makeTempDir(), 'patchdesk.db'));
    expect(() => new AuditLogRepository(db).append(entry('loose'))).toThrow(/outside a write transaction/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    db.close();
  });
});
