/**
 * SQL for package history: append-only version intervals of what each asset had installed, and
 * per asset the span its collections measured (first measured, last confirmed).
 */
import type { Db } from '../database';

/** One installed package as a collection reports it (the fields history keeps). */
export interface HistoryPackage {
  name: string;
  arch: string;
  version: string;
  status: string;
}

/** One version interval of a package on an asset. */
export interface PackageInterval extends HistoryPackage {
  id: number;
  firstSeenAt: string;
  firstCollectionId: number | null;
  /** The interval was seeded from the snapshot that existed when history began: firstSeenAt is not an install date. */
  backfilled: boolean;
  /** Null while open: the asset's own last confirmation applies. */
  lastConfirmedAt: string | null;
  lastConfirmedCollectionId: number | null;
  endedAt: string | null;
  endCollectionId: number | null;
  endReason: 'removed' | 'replaced' | null;
}

/** The span of an asset's measured package history. */
export interface MeasuredSpan {
  firstMeasuredAt: string;
  firstCollectionId: number | null;
  backfilled: boolean;
  lastConfirmedAt: string;
  lastConfirmedCollectionId: number | null;
}

/** What one collection did to the history. */
export type HistoryWrite = { kind: 'appended'; started: number; ended: number } | { kind: 'out_of_order'; lastConfirmedAt: string };

interface IntervalRow {
  id: number;
  name: string;
  arch: string;
  version: string;
  status: string;
  first_seen_at: string;
  first_collection_id: number | null;
  backfilled: number;
  last_confirmed_at: string | null;
  last_confirmed_collection_id: number | null;
  ended_at: string | null;
  end_collection_id: number | null;
  end_reason: 'removed' | 'replaced' | null;
}

const INTERVAL_COLUMNS = 'id, name, arch, version, status, first_seen_at, first_collection_id, backfilled, last_confirmed_at, last_confirmed_collection_id, ended_at, end_collection_id, end_reason';

/** The identity of an interval: a name and arch can have several versions installed at once (rpm kernels). */
// INDEXED BY below: without ANALYZE statistics SQLite may pick the start index and read every
// ended interval of the asset; the partial indexes keep a collection's read to the open set.
const keyOf = (item: { name: string; arch: string; version: string }): string => `${item.name}\u0000${item.arch}\u0000${item.version}`;
const nameArchOf = (item: { name: string; arch: string }): string => `${item.name}\u0000${item.arch}`;

/** Reads and appends package history; the only SQL on package_history and package_history_assets. */
export class PackageHistoryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends what changed since the asset's last recorded collection: intervals no longer seen
   * are ended (with their last confirmation), new ones started; unchanged ones cost nothing but
   * the asset's last-confirmed row. A collection older than the last recorded one cannot be
   * placed without rewriting history and is left out. Instants are ISO strings from
   * toISOString(). Call inside the collection's write transaction.
   */
  recordCollection(assetId: number, collectionId: number, collectedAt: string, installed: readonly HistoryPackage[]): HistoryWrite {
    const span = this.span(assetId);
    if (span && collectedAt < span.lastConfirmedAt) return { kind: 'out_of_order', lastConfirmedAt: span.lastConfirmedAt };
    const seen = new Map<string, HistoryPackage>();
    // installed_packages keeps the first of duplicate rows; history keeps the same one.
    for (const item of installed) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
    const present = new Set([...seen.values()].map(nameArchOf));
    const open = span ? this.db.prepare<[number], { id: number; name: string; arch: string; version: string; status: string }>('SELECT id, name, arch, version, status FROM package_history INDEXED BY package_history_open WHERE asset_id = ? AND ended_at IS NULL').all(assetId) : [];
    const end = this.db.prepare('UPDATE package_history SET ended_at = ?, end_collection_id = ?, end_reason = ?, last_confirmed_at = ?, last_confirmed_collection_id = ? WHERE id = ? AND ended_at IS NULL');
    let ended = 0;
    for (const row of open) {
      const now = seen.get(keyOf(row));
      if (now !== undefined && now.status === row.status) {
        seen.delete(keyOf(row));
        continue;
      }
      // A span exists whenever an open row does.
      end.run(collectedAt, collectionId, present.has(nameArchOf(row)) ? 'replaced' : 'removed', span?.lastConfirmedAt ?? collectedAt, span?.lastConfirmedCollectionId ?? null, row.id);
      ended++;
    }
    const start = this.db.prepare('INSERT INTO package_history (asset_id, name, arch, version, status, first_seen_at, first_collection_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const item of seen.values()) start.run(assetId, item.name, item.arch, item.version, item.status, collectedAt, collectionId);
    if (span) {
      this.db.prepare('UPDATE package_history_assets SET last_confirmed_at = ?, last_confirmed_collection_id = ? WHERE asset_id = ?').run(collectedAt, collectionId, assetId);
    } else {
      this.db
        .prepare('INSERT INTO package_history_assets (asset_id, first_measured_at, first_collection_id, backfilled, last_confirmed_at, last_confirmed_collection_id) VALUES (?, ?, ?, 0, ?, ?)')
        .run(assetId, collectedAt, collectionId, collectedAt, collectionId);
    }
    return { kind: 'appended', started: seen.size, ended };
  }

  /** The span an asset's package history covers; undefined when no collection has fed it. */
  span(assetId: number): MeasuredSpan | undefined {
    const row = this.db
      .prepare<[number], { first_measured_at: string; first_collection_id: number | null; backfilled: number; last_confirmed_at: string; last_confirmed_collection_id: number | null }>(
        'SELECT first_measured_at, first_collection_id, backfilled, last_confirmed_at, last_confirmed_collection_id FROM package_history_assets WHERE asset_id = ?',
      )
      .get(assetId);
    return row && { firstMeasuredAt: row.first_measured_at, firstCollectionId: row.first_collection_id, backfilled: row.backfilled === 1, lastConfirmedAt: row.last_confirmed_at, lastConfirmedCollectionId: row.last_confirmed_collection_id };
  }

  /** The intervals that were open at an instant: started at or before it and not ended by it. */
  openAt(assetId: number, at: string): PackageInterval[] {
    return this.db
      .prepare<{ assetId: number; at: string }, IntervalRow>(
        `SELECT ${INTERVAL_COLUMNS} FROM package_history INDEXED BY package_history_open WHERE asset_id = @assetId AND ended_at IS NULL AND first_seen_at <= @at
         UNION ALL
         SELECT ${INTERVAL_COLUMNS} FROM package_history INDEXED BY package_history_by_end WHERE asset_id = @assetId AND ended_at > @at AND first_seen_at <= @at
         ORDER BY name, arch, version`,
      )
      .all({ assetId, at })
      .map(intervalOf);
  }

  /** Every interval of one package name on an asset, oldest first. */
  ofPackage(assetId: number, name: string): PackageInterval[] {
    return this.db.prepare<[number, string], IntervalRow>(`SELECT ${INTERVAL_COLUMNS} FROM package_history WHERE asset_id = ? AND name = ? ORDER BY first_seen_at, arch, id`).all(assetId, name).map(intervalOf);
  }

  /** Intervals that started (not by backfill) or ended in (from, to]. */
  changedBetween(assetId: number, from: string, to: string): { started: PackageInterval[]; ended: PackageInterval[] } {
    const started = this.db
      .prepare<[number, string, string], IntervalRow>(`SELECT ${INTERVAL_COLUMNS} FROM package_history WHERE asset_id = ? AND first_seen_at > ? AND first_seen_at <= ? AND backfilled = 0 ORDER BY first_seen_at, name, arch`)
      .all(assetId, from, to)
      .map(intervalOf);
    const ended = this.db
      .prepare<[number, string, string], IntervalRow>(`SELECT ${INTERVAL_COLUMNS} FROM package_history INDEXED BY package_history_by_end WHERE asset_id = ? AND ended_at > ? AND ended_at <= ? ORDER BY ended_at, name, arch`)
      .all(assetId, from, to)
      .map(intervalOf);
    return { started, ended };
  }

  /** The asset's last successful collection at or before an instant (what an answer "as of" that instant rests on). */
  collectionAtOrBefore(assetId: number, at: string): { id: number; collectedAt: string } | undefined {
    return this.db
      // Collectors may write an offset (+01:00); julianday() compares instants, not strings.
      .prepare<[number, string], { id: number; collected_at: string }>(
        "SELECT id, collected_at FROM host_collections WHERE asset_id = ? AND outcome = 'ok' AND julianday(collected_at) <= julianday(?) ORDER BY julianday(collected_at) DESC, id DESC LIMIT 1",
      )
      .all(assetId, at)
      .map((row) => ({ id: row.id, collectedAt: new Date(Date.parse(row.collected_at)).toISOString() }))[0];
  }
}

function intervalOf(row: IntervalRow): PackageInterval {
  return {
    id: row.id,
    name: row.name,
    arch: row.arch,
    version: row.version,
    status: row.status,
    firstSeenAt: row.first_seen_at,
    firstCollectionId: row.first_collection_id,
    backfilled: row.backfilled === 1,
    lastConfirmedAt: row.last_confirmed_at,
    lastConfirmedCollectionId: row.last_confirmed_collection_id,
    endedAt: row.ended_at,
    endCollectionId: row.end_collection_id,
    endReason: row.end_reason,
  };
}
