/**
 * The append-only, hash-chained audit log: who did what, when. Each row's hash covers its
 * content and the previous row's hash, so a changed or deleted row breaks the chain. Each row also
 * says through which interface the change came (`via`, migration 0019).
 */
import { createHash } from 'node:crypto';
import { currentRequest, type RequestVia } from '../../platform/request-context';
import type { Db } from '../database';

/** What a caller records. */
export interface AuditEntryInput {
  at: string;
  actor: string;
  /** The interface the change came through; left out, the running request's (see {@link AuditLogRepository.append}). */
  via?: RequestVia | null;
  siteId: number | null;
  entityType: 'site' | 'asset' | 'scan' | 'import' | 'export' | 'policy' | 'credential' | 'vault' | 'collection' | 'exception' | 'evidence' | 'cycle' | 'intel' | 'rollout';
  entityId: number | null;
  action: string;
  details: Record<string, unknown>;
}

/** A stored row. `via` is null on rows written before migration 0019. */
export interface AuditEntry extends AuditEntryInput {
  via: RequestVia | null;
  id: number;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  site_id: number | null;
  entity_type: AuditEntryInput['entityType'];
  entity_id: number | null;
  action: string;
  details_json: string;
  prev_hash: string;
  hash: string;
  via: RequestVia | null;
}

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Hashes one entry's content chained to the previous hash; the field order is fixed. `via` is
 * appended only when the row has one, so rows written before it existed keep their hashes.
 */
export function hashAuditEntry(prevHash: string, entry: AuditEntryInput, detailsJson: string): string {
  const fields: unknown[] = [prevHash, entry.at, entry.actor, entry.siteId, entry.entityType, entry.entityId, entry.action, detailsJson];
  if (entry.via !== undefined && entry.via !== null) fields.push(entry.via);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

export class AuditLogRepository {
  private readonly lastHash;
  private readonly insert;
  private readonly byEntity;

  /**
   * `ownVia`: the interface of this process's own changes (its window, its host, its command), for
   * work no request runs (a heartbeat, the scheduler); null where the caller does not say.
   */
  constructor(
    private readonly db: Db,
    private readonly ownVia: RequestVia | null = null,
  ) {
    this.lastHash = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, actor, site_id, entity_type, entity_id, action, details_json, prev_hash, hash, via)
       VALUES (@at, @actor, @siteId, @entityType, @entityId, @action, @detailsJson, @prevHash, @hash, @via)`,
    );
    this.byEntity = db.prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC');
  }

  /**
   * Appends one entry, inside the write transaction that makes the change it records (see
   * `writeTransaction`): the entry and the change commit together, and the head read here cannot
   * move before the insert, because that transaction holds the write lock. The database refuses
   * a row that does not follow the head (migration 0008), so the chain cannot fork. Without a
   * `via`, the entry takes the running request's (a forwarded CLI call, or a job it started), else
   * this process's own: read here, once, rather than by each of the services that audit.
   */
  append(entry: AuditEntryInput): void {
    if (!this.db.inTransaction) throw new Error(`audit entry "${entry.action}" appended outside a write transaction: wrap the change and its entry in writeTransaction()`);
    const prevHash = this.lastHash.get()?.hash ?? GENESIS_HASH;
    const detailsJson = JSON.stringify(entry.details);
    const stored = { ...entry, via: entry.via !== undefined ? entry.via : (currentRequest()?.via ?? this.ownVia) };
    const hash = hashAuditEntry(prevHash, stored, detailsJson);
    this.insert.run({ ...stored, detailsJson, prevHash, hash });
  }

  /** The entries about one entity, newest first. */
  listForEntity(entityType: AuditEntryInput['entityType'], entityId: number): AuditEntry[] {
    return this.byEntity.all(entityType, entityId).map(toEntry);
  }

  /**
   * A site's entries (and installation-wide ones, site null) with `from <= at < to`, oldest
   * first: the excerpt an evidence pack carries for its period.
   */
  listForPeriod(siteId: number, from: string, to: string): AuditEntry[] {
    return this.db
      .prepare<[number, string, string], AuditRow>('SELECT * FROM audit_log WHERE (site_id = ? OR site_id IS NULL) AND at >= ? AND at < ? ORDER BY id')
      .all(siteId, from, to)
      .map(toEntry);
  }

  /** The newest row's id and hash: the chain head a pack pins, so later rows cannot be slipped in before it. */
  chainHead(): { id: number; hash: string } {
    return this.db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() ?? { id: 0, hash: GENESIS_HASH };
  }

  /** The newest row written before `at` (the chain head as it stood then); genesis when none. */
  headBefore(at: string): { id: number; hash: string } {
    return this.db.prepare<[string], { id: number; hash: string }>('SELECT id, hash FROM audit_log WHERE at < ? ORDER BY id DESC LIMIT 1').get(at) ?? { id: 0, hash: GENESIS_HASH };
  }

  /** How many entries the log holds. */
  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()?.n ?? 0;
  }

  /** Walks the whole chain; returns the first row whose hash does not match, or null when intact. */
  verifyChain(): { brokenAtId: number; reason: string } | null {
    let prevHash = GENESIS_HASH;
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id').iterate()) {
      const entry = toEntry(row);
      if (row.prev_hash !== prevHash) return { brokenAtId: row.id, reason: 'previous hash does not match (a row was deleted or reordered)' };
      if (hashAuditEntry(prevHash, entry, row.details_json) !== row.hash) return { brokenAtId: row.id, reason: 'content does not match its hash (the row was changed)' };
      prevHash = row.hash;
    }
    return null;
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    via: row.via,
    siteId: row.site_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
