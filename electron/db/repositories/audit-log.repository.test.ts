import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { writeTransaction } from '../write-transaction';
import { runAsRequest } from '../../platform/request-context';
import { AuditLogRepository } from './audit-log.repository';

const dbs: ReturnType<typeof openDatabase>[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function seeded() {
  const db = openDatabase(':memory:');
  dbs.push(db);
  const log = new AuditLogRepository(db);
  for (let index = 1; index <= 3; index++) {
    writeTransaction(db, () => log.append({ at: `2026-11-0${index}T00:00:00.000Z`, actor: 'ana', siteId: 1, entityType: 'asset', entityId: 7, action: `edit-${index}`, details: { index } }));
  }
  return { db, log };
}

describe('AuditLogRepository', () => {
  it('chains entries and lists them per entity, newest first', () => {
    const { log } = seeded();
    expect(log.verifyChain()).toBeNull();
    expect(log.listForEntity('asset', 7).map((entry) => entry.action)).toEqual(['edit-3', 'edit-2', 'edit-1']);
  });

  it('lists a period (from inclusive, to exclusive) and gives the chain head', () => {
    const { log } = seeded();
    expect(log.listForPeriod(1, '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z').map((entry) => entry.action)).toEqual(['edit-2']);
    expect(log.listForPeriod(2, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([]);
    const head = log.chainHead();
    expect(head.id).toBe(3);
    expect(head.hash).toBe(log.listForEntity('asset', 7)[0]?.hash);
    expect(log.headBefore('2026-11-02T12:00:00.000Z').id).toBe(2);
    expect(log.headBefore('2026-01-01T00:00:00.000Z')).toEqual({ id: 0, hash: '0'.repeat(64) });
  });

  it('detects a changed row', () => {
    const { db, log } = seeded();
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
    expect(log.verifyChain()).toEqual({ brokenAtId: 2, reason: expect.stringContaining('changed') });
  });

  it('detects a deleted row', () => {
    const { db, log } = seeded();
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(log.verifyChain()).toEqual({ brokenAtId: 3, reason: expect.stringContaining('deleted') });
  });

  it('records through which interface a change came: the running request’s, else this process’s own; the hash covers it', () => {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const log = new AuditLogRepository(db, 'desktop');
    const entry = (action: string) => ({ at: '2026-11-02T00:00:00.000Z', actor: 'ana', siteId: null, entityType: 'site' as const, entityId: null, action, details: {} });
    writeTransaction(db, () => log.append(entry('own')));
    runAsRequest({ actor: 'alice', via: 'cli' }, () => writeTransaction(db, () => log.append(entry('forwarded'))));
    writeTransaction(db, () => log.append({ ...entry('explicit'), via: 'browser' }));
    expect(db.prepare('SELECT action, via FROM audit_log ORDER BY id').all()).toEqual([
      { action: 'own', via: 'desktop' },
      { action: 'forwarded', via: 'cli' },
      { action: 'explicit', via: 'browser' },
    ]);
    expect(log.verifyChain()).toBeNull();
    db.prepare("UPDATE audit_log SET via = 'desktop' WHERE id = 2").run();
    expect(log.verifyChain()).toEqual({ brokenAtId: 2, reason: expect.stringContaining('changed') });
  });
});
