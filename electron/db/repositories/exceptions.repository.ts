/** SQL for the exception register. Entries are never deleted: closing and renewing keep history. */
import type { ExceptionRecord } from '../../../shared/contract/exceptions';
import type { Db } from '../database';

/** A stored entry without its computed status. */
export type StoredException = Omit<ExceptionRecord, 'status'>;

interface ExceptionRow {
  id: number;
  site_id: number;
  scope_kind: ExceptionRecord['scope']['kind'];
  asset_id: number | null;
  scope_value: string;
  asset_name: string | null;
  reason: string;
  compensating_controls: string;
  owner: string;
  approver: string;
  starts_at: string;
  expires_at: string;
  remediation_date: string | null;
  closed_at: string | null;
  close_reason: string;
  renews_id: number | null;
  renewed_by_id: number | null;
  created_at: string;
  created_by: string;
}

const SELECT = `
  SELECT e.*, COALESCE(NULLIF(a.hostname, ''), (SELECT address FROM asset_addresses WHERE asset_id = a.id ORDER BY position LIMIT 1)) AS asset_name
  FROM exceptions e LEFT JOIN assets a ON a.id = e.asset_id`;

export class ExceptionsRepository {
  constructor(private readonly db: Db) {}

  /** A site's entries, soonest expiry first. */
  list(siteId: number): StoredException[] {
    return this.db.prepare<[number], ExceptionRow>(`${SELECT} WHERE e.site_id = ? ORDER BY e.expires_at, e.id`).all(siteId).map(toStored);
  }

  /** One entry. */
  get(id: number): StoredException | undefined {
    const row = this.db.prepare<[number], ExceptionRow>(`${SELECT} WHERE e.id = ?`).get(id);
    return row ? toStored(row) : undefined;
  }

  /** Inserts an entry; returns its id. */
  insert(entry: Omit<StoredException, 'id' | 'assetName' | 'closedAt' | 'closeReason' | 'renewedById'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO exceptions (site_id, scope_kind, asset_id, scope_value, reason, compensating_controls, owner, approver, starts_at, expires_at, remediation_date, renews_id, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(entry.siteId, entry.scope.kind, entry.scope.assetId, entry.scope.value, entry.reason, entry.compensatingControls, entry.owner, entry.approver, entry.startsAt, entry.expiresAt, entry.remediationDate, entry.renewsId, entry.createdAt, entry.createdBy)
        .lastInsertRowid,
    );
  }

  /** Ends an entry early. */
  close(id: number, at: string, reason: string): void {
    this.db.prepare('UPDATE exceptions SET closed_at = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL').run(at, reason, id);
  }

  /** Marks an entry as continued by a newer one. */
  markRenewed(id: number, renewedById: number): void {
    this.db.prepare('UPDATE exceptions SET renewed_by_id = ? WHERE id = ?').run(renewedById, id);
  }
}

function toStored(row: ExceptionRow): StoredException {
  return {
    id: row.id,
    siteId: row.site_id,
    scope: { kind: row.scope_kind, assetId: row.asset_id, value: row.scope_value },
    assetName: row.asset_name ?? '',
    reason: row.reason,
    compensatingControls: row.compensating_controls,
    owner: row.owner,
    approver: row.approver,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
    remediationDate: row.remediation_date,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    renewsId: row.renews_id,
    renewedById: row.renewed_by_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
