/**
 * The reads behind change notices: whether anything was committed since the last look (by this
 * connection or another process's), what the append-only logs gained since given ids, and a
 * digest of the long jobs' rows, which are updated in place. Rows are only ever appended to both
 * logs and SQLite has one writer at a time, so ids grow in commit order and "after id N" never
 * skips a row that commits later.
 */
import type { AuditEntryInput } from './audit-log.repository';
import type { Db } from '../database';

/** Changes whenever a write commits: another connection's (data_version) or this one's (total_changes). */
export interface CommitMarker {
  dataVersion: number;
  totalChanges: number;
}

/** The newest ids of the logs the feed follows (0 when empty). */
export interface FeedHeads {
  auditId: number;
  collectionId: number;
}

/** One kind of audit row appended in a range: where and about what. */
export interface AuditChange {
  siteId: number | null;
  entityType: AuditEntryInput['entityType'];
  action: string;
}

/** Per site, a text that changes when its scans, collection runs or jobs start, progress, end or are marked interrupted. */
export interface JobDigest {
  siteId: number;
  scans: string;
  collections: string;
  jobs: string;
  /** Changes when a CVE-mapping job of the site commits a batch or ends (the CVE links changed); empty before the first. */
  mapping: string;
}

/** The job kind whose batches rewrite a site's CVE links (`electron/services/intel/mapping`). */
const CVE_MAPPING_KIND = 'cve-mapping';

export class ChangeFeedRepository {
  private readonly totalChanges;
  private readonly auditHead;
  private readonly collectionHead;
  private readonly auditRange;
  private readonly collectionRange;
  private readonly jobDigest;

  constructor(private readonly db: Db) {
    this.totalChanges = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
    this.auditHead = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM audit_log');
    this.collectionHead = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM host_collections');
    this.auditRange = db.prepare<[number, number], { site_id: number | null; entity_type: AuditEntryInput['entityType']; action: string }>(
      'SELECT DISTINCT site_id, entity_type, action FROM audit_log WHERE id > ? AND id <= ?',
    );
    this.collectionRange = db.prepare<[number, number], { site_id: number }>(
      'SELECT DISTINCT a.site_id FROM host_collections h JOIN assets a ON a.id = h.asset_id WHERE h.id > ? AND h.id <= ?',
    );
    // Finished rows never change again, so counting rows and summing the running ones' progress is enough.
    // Jobs: how many are in each state (from an index), and the stored progress and cancel requests of the active ones.
    this.jobDigest = db.prepare<[string], { site_id: number; scans: string | null; collections: string | null; jobs: string | null; mapping: string | null }>(
      `SELECT s.id AS site_id,
              (SELECT COUNT(*) || ':' || MAX(id) || ':' || TOTAL(status = 'running') || ':' || TOTAL(CASE WHEN status = 'running' THEN probed_addresses + live_hosts + new_hosts END)
                 FROM scans WHERE site_id = s.id) AS scans,
              (SELECT COUNT(*) || ':' || MAX(id) || ':' || TOTAL(status = 'running') FROM collection_runs WHERE site_id = s.id) AS collections,
              (SELECT group_concat(state || '=' || n, ',') FROM (SELECT state, COUNT(*) AS n FROM jobs WHERE site_id = s.id GROUP BY state ORDER BY state))
                || ':' || (SELECT TOTAL(progress_seq) || ':' || COUNT(cancel_requested_at) FROM jobs WHERE state IN ('queued', 'running', 'waiting') AND site_id = s.id) AS jobs,
              (SELECT COUNT(*) || ':' || MAX(id) || ':' || TOTAL(progress_seq) || ':' || TOTAL(state IN ('queued', 'running', 'waiting')) FROM jobs WHERE site_id = s.id AND kind = ?) AS mapping
         FROM sites s`,
    );
  }

  /** A cheap look (no table read) that differs from the previous one when a write committed in between. */
  marker(): CommitMarker {
    return { dataVersion: Number(this.db.pragma('data_version', { simple: true })), totalChanges: this.totalChanges.get()?.n ?? 0 };
  }

  /** True while this connection has a transaction open (its rows are not committed yet). */
  inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** The newest audit row and host collection ids. */
  heads(): FeedHeads {
    return { auditId: this.auditHead.get()?.id ?? 0, collectionId: this.collectionHead.get()?.id ?? 0 };
  }

  /** The distinct (site, entity type, action) of audit rows with `afterId < id <= upToId`. */
  auditBetween(afterId: number, upToId: number): AuditChange[] {
    return this.auditRange.all(afterId, upToId).map((row) => ({ siteId: row.site_id, entityType: row.entity_type, action: row.action }));
  }

  /**
   * The sites whose assets got host collections with `afterId < id <= upToId`. A failed host or a
   * host key pinned or changed during a collection writes no audit row of its own, but always
   * one of these.
   */
  collectionSitesBetween(afterId: number, upToId: number): number[] {
    return this.collectionRange.all(afterId, upToId).map((row) => row.site_id);
  }

  /**
   * Each site's digest of its scans, collection runs and jobs. Their progress, and the marking of
   * jobs whose process is gone as interrupted, update rows in place without an audit row.
   */
  jobDigests(): JobDigest[] {
    return this.jobDigest.all(CVE_MAPPING_KIND).map((row) => ({ siteId: row.site_id, scans: row.scans ?? '', collections: row.collections ?? '', jobs: row.jobs ?? '', mapping: row.mapping ?? '' }));
  }
}
