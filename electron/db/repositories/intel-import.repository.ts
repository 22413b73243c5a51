/**
 * SQL that writes imported vulnerability feeds. Callers run every method inside one
 * `writeTransaction` per feed file: the feed row, the records and the replacement of the older
 * feed's records commit together or not at all. Statements are prepared once per repository.
 */
import type { AffectedRecord, AffectedSource, CvssScore, AffectedProduct, IntelFeed, IntelFeedKind } from '../../../shared/contract/intel';
import type Database from 'better-sqlite3';
import type { Db } from '../database';

type Statement = Database.Statement<unknown[], unknown>;
import { FEED_COLUMNS, toFeed, type FeedRow } from './intel.repository';

/** A new feed row. */
export interface IntelFeedInput {
  kind: IntelFeedKind;
  scope: string;
  fileName: string;
  sourceUrl: string | null;
  retrievedAt: string;
  sha256: string;
  sizeBytes: number;
  feedVersion: string | null;
  feedDate: string | null;
  importedAt: string;
  importedBy: string;
}

/** One KEV entry to store. */
export interface KevInput {
  cveId: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  shortDescription: string;
  requiredAction: string;
  dueDate: string;
  knownRansomwareCampaignUse: string | null;
  notes: string | null;
  cwes: readonly string[];
  rawJson: string;
}

/** One NVD CVE record to store. */
export interface CveInput {
  cveId: string;
  sourceIdentifier: string | null;
  published: string | null;
  lastModified: string | null;
  vulnStatus: string | null;
  description: string | null;
  cvss: CvssScore | null;
  scores: readonly CvssScore[];
  cwes: readonly string[];
  products: readonly AffectedProduct[];
}

/** One advisory to store, with the CVEs it names and the packages it fixes. */
export interface AdvisoryInput {
  source: Exclude<AffectedSource, 'debian-tracker'>;
  advisoryId: string;
  distribution: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  summary: string | null;
  severityVector: string | null;
  cveIds: readonly string[];
  affected: readonly AffectedInput[];
}

/** One affected/fixed row. */
export type AffectedInput = Omit<AffectedRecord, 'feedId' | 'cveId'> & { vulnId: string | null };

export class IntelImportRepository {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** The current (not superseded) feed of this kind with these exact bytes, if any. */
  currentWithSha256(kind: IntelFeedKind, sha256: string): IntelFeed | undefined {
    const row = this.db.prepare<[string, string], FeedRow>(`SELECT ${FEED_COLUMNS} FROM intel_feeds WHERE kind = ? AND sha256 = ? AND superseded_at IS NULL ORDER BY id DESC LIMIT 1`).get(kind, sha256);
    return row ? toFeed(row) : undefined;
  }

  /** The current feeds of a kind and scope (oldest first). */
  current(kind: IntelFeedKind, scope: string): IntelFeed[] {
    return this.db.prepare<[string, string], FeedRow>(`SELECT ${FEED_COLUMNS} FROM intel_feeds WHERE kind = ? AND scope = ? AND superseded_at IS NULL ORDER BY id`).all(kind, scope).map(toFeed);
  }

  /** Inserts a feed row with no records yet; returns its id. */
  insertFeed(feed: IntelFeedInput): number {
    const result = this.db
      .prepare(
        `INSERT INTO intel_feeds (kind, scope, file_name, source_url, retrieved_at, sha256, size_bytes, feed_version, feed_date, record_count, warnings_json, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, ?)`,
      )
      .run(feed.kind, feed.scope, feed.fileName, feed.sourceUrl, feed.retrievedAt, feed.sha256, feed.sizeBytes, feed.feedVersion, feed.feedDate, feed.importedAt, feed.importedBy);
    return Number(result.lastInsertRowid);
  }

  /** Records what the import counted and noticed, once the records are in. */
  finishFeed(feedId: number, recordCount: number, warnings: readonly string[], feedDate?: string | null): void {
    this.db.prepare('UPDATE intel_feeds SET record_count = ?, warnings_json = ?, feed_date = COALESCE(?, feed_date) WHERE id = ?').run(recordCount, JSON.stringify(warnings), feedDate ?? null, feedId);
  }

  /** Marks feeds as replaced by `byFeedId`. */
  supersede(feedIds: readonly number[], byFeedId: number, at: string): void {
    const statement = this.statement('supersede', 'UPDATE intel_feeds SET superseded_at = ?, superseded_by = ? WHERE id = ? AND superseded_at IS NULL');
    for (const id of feedIds) statement.run(at, byFeedId, id);
  }

  /** Removes every KEV entry (a new catalogue replaces the whole list). */
  clearKev(): void {
    this.db.prepare('DELETE FROM intel_kev').run();
  }

  insertKev(feedId: number, entry: KevInput): void {
    this.statement(
      'kev',
      `INSERT INTO intel_kev (cve_id, feed_id, vendor_project, product, vulnerability_name, date_added, short_description, required_action, due_date, known_ransomware_use, notes, cwes, raw_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(entry.cveId, feedId, entry.vendorProject, entry.product, entry.vulnerabilityName, entry.dateAdded, entry.shortDescription, entry.requiredAction, entry.dueDate, entry.knownRansomwareCampaignUse, entry.notes, entry.cwes.join(', '), entry.rawJson);
  }

  /** Removes every EPSS score (a new daily file replaces the whole list). */
  clearEpss(): void {
    this.db.prepare('DELETE FROM intel_epss').run();
  }

  insertEpss(feedId: number, cveId: string, score: number, percentile: number | null): void {
    this.statement('epss', 'INSERT OR REPLACE INTO intel_epss (cve_id, feed_id, score, percentile) VALUES (?, ?, ?, ?)').run(cveId, feedId, score, percentile);
  }

  /** Removes everything the Debian tracker said (a new tracker file replaces it all). */
  clearDebianTracker(): void {
    this.db.prepare("DELETE FROM intel_affected WHERE source = 'debian-tracker'").run();
    this.db.prepare('DELETE FROM intel_tracker_issues').run();
  }

  insertTrackerIssue(feedId: number, issue: { package: string; issueId: string; description: string | null; scope: string | null; debianBug: number | null }): void {
    this.statement('tracker-issue', 'INSERT OR REPLACE INTO intel_tracker_issues (package, vuln_id, feed_id, description, scope, debian_bug) VALUES (?, ?, ?, ?, ?, ?)').run(
      issue.package,
      issue.issueId,
      feedId,
      issue.description,
      issue.scope,
      issue.debianBug,
    );
  }

  insertAffected(feedId: number, row: AffectedInput): void {
    this.statement(
      'affected',
      `INSERT INTO intel_affected (feed_id, source, distribution, release, ecosystem, package, vuln_id, advisory_id, status, fixed_version, urgency, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(feedId, row.source, row.distribution, row.release, row.ecosystem, row.package, row.vulnId, row.advisoryId, row.status, row.fixedVersion, row.urgency, row.note);
  }

  /** The stored `lastModified` of a CVE, to keep a newer record over an older one. */
  cveLastModified(cveId: string): string | null | undefined {
    const row = this.statement('cve-modified', 'SELECT last_modified FROM intel_cves WHERE cve_id = ?').get(cveId) as { last_modified: string | null } | undefined;
    return row ? row.last_modified : undefined;
  }

  /** Replaces one CVE's NVD record (scores and products go with it). */
  upsertCve(feedId: number, cve: CveInput): void {
    this.statement('cve-delete', 'DELETE FROM intel_cves WHERE cve_id = ?').run(cve.cveId);
    this.statement(
      'cve',
      `INSERT INTO intel_cves (cve_id, feed_id, source_identifier, published, last_modified, vuln_status, description, cvss_version, cvss_score, cvss_severity, cvss_vector, cvss_source, cvss_type, cwes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      cve.cveId,
      feedId,
      cve.sourceIdentifier,
      cve.published,
      cve.lastModified,
      cve.vulnStatus,
      cve.description,
      cve.cvss?.version ?? null,
      cve.cvss?.score ?? null,
      cve.cvss?.severity ?? null,
      cve.cvss?.vector ?? null,
      cve.cvss?.source ?? null,
      cve.cvss?.type ?? null,
      cve.cwes.join(', '),
    );
    const score = this.statement('cve-score', 'INSERT INTO intel_cve_scores (cve_id, version, score, severity, vector, source, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const each of cve.scores) score.run(cve.cveId, each.version, each.score, each.severity, each.vector, each.source, each.type);
    const product = this.statement(
      'cve-product',
      `INSERT INTO intel_cve_products (cve_id, criteria, part, vendor, product, version, version_start_including, version_start_excluding, version_end_including, version_end_excluding, vulnerable)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const each of cve.products) {
      product.run(cve.cveId, each.criteria, each.part, each.vendor, each.product, each.version, each.versionStartIncluding, each.versionStartExcluding, each.versionEndIncluding, each.versionEndExcluding, each.vulnerable ? 1 : 0);
    }
  }

  /** The stored `modified` of an advisory, to keep a newer record over an older one. */
  advisoryModified(source: string, advisoryId: string): string | null | undefined {
    const row = this.statement('advisory-modified', 'SELECT modified FROM intel_advisories WHERE source = ? AND advisory_id = ?').get(source, advisoryId) as { modified: string | null } | undefined;
    return row ? row.modified : undefined;
  }

  /** Removes every advisory of a source for a distribution (a new `all.zip` replaces them). */
  clearAdvisories(source: string, distribution: string): void {
    this.db.prepare('DELETE FROM intel_advisories WHERE source = ? AND distribution = ?').run(source, distribution);
  }

  /** Replaces one advisory, its CVE links and its affected rows. */
  upsertAdvisory(feedId: number, advisory: AdvisoryInput): void {
    this.statement('advisory-delete', 'DELETE FROM intel_advisories WHERE source = ? AND advisory_id = ?').run(advisory.source, advisory.advisoryId);
    this.statement(
      'advisory',
      `INSERT INTO intel_advisories (source, advisory_id, feed_id, distribution, published, modified, withdrawn, summary, severity_vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(advisory.source, advisory.advisoryId, feedId, advisory.distribution, advisory.published, advisory.modified, advisory.withdrawn, advisory.summary, advisory.severityVector);
    const link = this.statement('advisory-cve', 'INSERT OR IGNORE INTO intel_advisory_cves (source, advisory_id, cve_id) VALUES (?, ?, ?)');
    for (const cveId of advisory.cveIds) link.run(advisory.source, advisory.advisoryId, cveId);
    for (const row of advisory.affected) this.insertAffected(feedId, row);
  }

  private statement(key: string, sql: string): Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
