/**
 * Reads of the imported vulnerability feeds: the query API that mapping, priority and triage use.
 *
 * - {@link IntelRepository.cve}: everything the feeds say about one CVE (KEV, EPSS, NVD, advisories,
 *   affected/fixed packages, the Debian tracker's notes) and the feeds each part came from.
 * - {@link IntelRepository.affectedByPackages}: per (distribution, release, source packages), the
 *   CVEs with their fixed versions or "no fix yet" (`status: 'open'`).
 * - {@link IntelRepository.advisories} / {@link IntelRepository.cvesOfAdvisory}: an advisory id
 *   (USN, DSA/DLA, RHSA, ALSA, RLSA, KB number) to its CVEs.
 * - {@link IntelRepository.kev}, {@link IntelRepository.epss}, {@link IntelRepository.cvss}: bulk
 *   lookups for a set of CVE ids, one query each, as maps keyed by CVE id.
 * - {@link IntelRepository.feeds}: the feeds and their provenance.
 *
 * Sets of ids are bound as one JSON array (`json_each(?)`), so a lookup of 10,000 CVEs is one
 * statement with one bound parameter. Only current records are ever stored (a replaced feed's
 * records are deleted when its successor is imported), so no query filters on supersession.
 */
import type { AdvisoryRecord, AffectedProduct, AffectedRecord, CveIntel, CveRecord, CvssScore, EpssScore, IntelFeed, IntelFeedKind, KevEntry, TrackerIssue } from '../../../shared/contract/intel';
import type { Db } from '../database';

/** A stored feed row. */
export interface FeedRow {
  id: number;
  kind: IntelFeedKind;
  scope: string;
  file_name: string;
  source_url: string | null;
  retrieved_at: string;
  sha256: string;
  size_bytes: number;
  feed_version: string | null;
  feed_date: string | null;
  record_count: number;
  warnings_json: string;
  imported_at: string;
  imported_by: string;
  superseded_at: string | null;
}

/** The columns of {@link FeedRow}, for SELECTs. */
export const FEED_COLUMNS = 'id, kind, scope, file_name, source_url, retrieved_at, sha256, size_bytes, feed_version, feed_date, record_count, warnings_json, imported_at, imported_by, superseded_at';

/** A feed row as the contract shapes it. */
export function toFeed(row: FeedRow): IntelFeed {
  return {
    id: row.id,
    kind: row.kind,
    scope: row.scope,
    fileName: row.file_name,
    sourceUrl: row.source_url,
    retrievedAt: row.retrieved_at,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    feedVersion: row.feed_version,
    feedDate: row.feed_date,
    recordCount: row.record_count,
    warnings: JSON.parse(row.warnings_json) as string[],
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    supersededAt: row.superseded_at,
  };
}

interface KevRow {
  cve_id: string;
  feed_id: number;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  date_added: string;
  short_description: string;
  required_action: string;
  due_date: string;
  known_ransomware_use: string | null;
  notes: string | null;
  cwes: string;
}

interface EpssRow {
  cve_id: string;
  feed_id: number;
  score: number;
  percentile: number | null;
  feed_version: string | null;
  feed_date: string | null;
}

interface CveRow {
  cve_id: string;
  feed_id: number;
  source_identifier: string | null;
  published: string | null;
  last_modified: string | null;
  vuln_status: string | null;
  description: string | null;
  cvss_version: string | null;
  cvss_score: number | null;
  cvss_severity: string | null;
  cvss_vector: string | null;
  cvss_source: string | null;
  cvss_type: string | null;
  cwes: string;
}

interface AffectedRow {
  source: AffectedRecord['source'];
  feed_id: number;
  distribution: string;
  release: string;
  ecosystem: string;
  package: string;
  cve: string | null;
  advisory_id: string | null;
  status: AffectedRecord['status'];
  fixed_version: string | null;
  urgency: string | null;
  note: string | null;
}

interface AdvisoryRow {
  source: AdvisoryRecord['source'];
  advisory_id: string;
  feed_id: number;
  distribution: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  summary: string | null;
  severity_vector: string | null;
}

const AFFECTED_COLUMNS = 'a.source, a.feed_id, a.distribution, a.release, a.ecosystem, a.package, a.advisory_id, a.status, a.fixed_version, a.urgency, a.note';

export class IntelRepository {
  constructor(private readonly db: Db) {}

  /** The feeds, newest import first; superseded ones only when asked for (they are history). */
  feeds(options: { includeSuperseded?: boolean } = {}): IntelFeed[] {
    const where = options.includeSuperseded ? '' : 'WHERE superseded_at IS NULL';
    return this.db.prepare<[], FeedRow>(`SELECT ${FEED_COLUMNS} FROM intel_feeds ${where} ORDER BY kind, scope, id DESC`).all().map(toFeed);
  }

  /** One feed by id. */
  feed(id: number): IntelFeed | undefined {
    const row = this.db.prepare<[number], FeedRow>(`SELECT ${FEED_COLUMNS} FROM intel_feeds WHERE id = ?`).get(id);
    return row ? toFeed(row) : undefined;
  }

  /** KEV entries for these CVE ids (absent ids are not in the catalogue). */
  kev(cveIds: readonly string[]): Map<string, KevEntry> {
    const rows = this.db.prepare<[string], KevRow>('SELECT * FROM intel_kev WHERE cve_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(unique(cveIds)));
    return new Map(rows.map((row) => [row.cve_id, toKev(row)]));
  }

  /** Every KEV entry's CVE id: for "known exploited" filters without a round trip per CVE. */
  kevCveIds(): Set<string> {
    return new Set(this.db.prepare<[], { cve_id: string }>('SELECT cve_id FROM intel_kev').all().map((row) => row.cve_id));
  }

  /** EPSS scores for these CVE ids, with the model version and score date of their file. */
  epss(cveIds: readonly string[]): Map<string, EpssScore> {
    const rows = this.db
      .prepare<[string], EpssRow>(
        'SELECT e.cve_id, e.feed_id, e.score, e.percentile, f.feed_version, f.feed_date FROM intel_epss e JOIN intel_feeds f ON f.id = e.feed_id WHERE e.cve_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(unique(cveIds)));
    return new Map(rows.map((row) => [row.cve_id, toEpss(row)]));
  }

  /** NVD's preferred CVSS base score for these CVE ids (CVSS 3.1, then 3.0, 4.0, 2.0; the Primary source first). */
  cvss(cveIds: readonly string[]): Map<string, CvssScore & { cveId: string; feedId: number }> {
    const rows = this.db.prepare<[string], CveRow>('SELECT * FROM intel_cves WHERE cvss_score IS NOT NULL AND cve_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(unique(cveIds)));
    return new Map(rows.map((row) => [row.cve_id, { cveId: row.cve_id, feedId: row.feed_id, ...(preferredScore(row) as CvssScore) }]));
  }

  /** NVD's record of one CVE, with every score and the affected products; null when no NVD file had it. */
  nvd(cveId: string): CveRecord | null {
    const row = this.db.prepare<[string], CveRow>('SELECT * FROM intel_cves WHERE cve_id = ?').get(cveId);
    if (!row) return null;
    const scores = this.db
      .prepare<[string], { version: string; score: number; severity: string | null; vector: string; source: string; type: string | null }>('SELECT version, score, severity, vector, source, type FROM intel_cve_scores WHERE cve_id = ? ORDER BY rowid')
      .all(cveId);
    const products = this.db
      .prepare<[string], ProductRow>('SELECT * FROM intel_cve_products WHERE cve_id = ? ORDER BY rowid')
      .all(cveId)
      .map(toProduct);
    return {
      cveId: row.cve_id,
      feedId: row.feed_id,
      sourceIdentifier: row.source_identifier,
      published: row.published,
      lastModified: row.last_modified,
      vulnStatus: row.vuln_status,
      description: row.description,
      cvss: preferredScore(row),
      scores,
      cwes: splitList(row.cwes),
      products,
    };
  }

  /**
   * What the distribution feeds say about these source packages (binary packages for RPM
   * distributions) in one release: one row per package and CVE (or advisory without a CVE), with
   * the fixed version, or `status: 'open'` and no fixed version when no fix exists yet. OSV
   * advisories are expanded to their CVEs; `advisoryId` says which advisory fixed it.
   */
  affectedByPackages(distribution: string, release: string, packages: readonly string[]): AffectedRecord[] {
    return this.db
      .prepare<[string, string, string], AffectedRow>(
        `SELECT ${AFFECTED_COLUMNS}, COALESCE(a.vuln_id, l.cve_id) AS cve
         FROM intel_affected a LEFT JOIN intel_advisory_cves l ON a.vuln_id IS NULL AND l.source = a.source AND l.advisory_id = a.advisory_id
         WHERE a.distribution = ? AND a.release = ? AND a.package IN (SELECT value FROM json_each(?))
         ORDER BY a.package, cve, a.id`,
      )
      .all(distribution, release, JSON.stringify(unique(packages)))
      .map(toAffected);
  }

  /** Every affected/fixed row that names this CVE, directly (tracker) or through an advisory (OSV, Microsoft). */
  affectedByCve(cveId: string): AffectedRecord[] {
    return this.db
      .prepare<[string, string, string], AffectedRow>(
        `SELECT ${AFFECTED_COLUMNS}, ? AS cve FROM intel_affected a WHERE a.vuln_id = ?
         UNION ALL
         SELECT ${AFFECTED_COLUMNS}, l.cve_id AS cve FROM intel_advisory_cves l JOIN intel_affected a ON a.source = l.source AND a.advisory_id = l.advisory_id
         WHERE l.cve_id = ? AND a.vuln_id IS NULL
         ORDER BY 3, 4, 6`,
      )
      .all(cveId, cveId, cveId)
      .map(toAffected);
  }

  /** The advisories with this id (one per source that published it), with their CVEs. Ids compare case-insensitively. */
  advisories(advisoryId: string): AdvisoryRecord[] {
    const rows = this.db.prepare<[string], AdvisoryRow>('SELECT * FROM intel_advisories WHERE advisory_id = ? COLLATE NOCASE ORDER BY source').all(advisoryId.trim());
    return rows.map((row) => this.toAdvisory(row));
  }

  /** The CVE ids an advisory names, across sources, sorted. */
  cvesOfAdvisory(advisoryId: string): string[] {
    return this.db
      .prepare<[string], { cve_id: string }>('SELECT DISTINCT cve_id FROM intel_advisory_cves WHERE advisory_id = ? COLLATE NOCASE ORDER BY cve_id')
      .all(advisoryId.trim())
      .map((row) => row.cve_id);
  }

  /** The advisories that name this CVE. */
  advisoriesOfCve(cveId: string): AdvisoryRecord[] {
    const rows = this.db
      .prepare<[string], AdvisoryRow>('SELECT a.* FROM intel_advisory_cves l JOIN intel_advisories a ON a.source = l.source AND a.advisory_id = l.advisory_id WHERE l.cve_id = ? ORDER BY a.source, a.advisory_id')
      .all(cveId);
    return rows.map((row) => this.toAdvisory(row));
  }

  /** The Debian tracker's notes on this issue, per source package. */
  trackerIssues(cveId: string): TrackerIssue[] {
    return this.db
      .prepare<[string], { package: string; vuln_id: string; feed_id: number; description: string | null; scope: string | null; debian_bug: number | null }>('SELECT * FROM intel_tracker_issues WHERE vuln_id = ? ORDER BY package')
      .all(cveId)
      .map((row) => ({ package: row.package, cveId: row.vuln_id, feedId: row.feed_id, description: row.description, scope: row.scope, debianBug: row.debian_bug }));
  }

  /** Everything the imported feeds say about one CVE, with the feeds each part came from. */
  cve(cveId: string): CveIntel {
    const id = cveId.trim().toUpperCase();
    const kev = this.kev([id]).get(id) ?? null;
    const epss = this.epss([id]).get(id) ?? null;
    const nvd = this.nvd(id);
    const advisories = this.advisoriesOfCve(id);
    const affected = this.affectedByCve(id);
    const tracker = this.trackerIssues(id);
    const feedIds = new Set<number>([...(kev ? [kev.feedId] : []), ...(epss ? [epss.feedId] : []), ...(nvd ? [nvd.feedId] : []), ...advisories.map((each) => each.feedId), ...affected.map((each) => each.feedId), ...tracker.map((each) => each.feedId)]);
    const feeds = [...feedIds].sort((a, b) => a - b).map((feedId) => this.feed(feedId)).filter((feed): feed is IntelFeed => feed !== undefined);
    return { cveId: id, kev, epss, nvd, advisories, affected, tracker, feeds };
  }

  private toAdvisory(row: AdvisoryRow): AdvisoryRecord {
    const cveIds = this.db
      .prepare<[string, string], { cve_id: string }>('SELECT cve_id FROM intel_advisory_cves WHERE source = ? AND advisory_id = ? ORDER BY cve_id')
      .all(row.source, row.advisory_id)
      .map((link) => link.cve_id);
    return {
      source: row.source,
      advisoryId: row.advisory_id,
      feedId: row.feed_id,
      distribution: row.distribution,
      published: row.published,
      modified: row.modified,
      withdrawn: row.withdrawn,
      summary: row.summary,
      severityVector: row.severity_vector,
      cveIds,
    };
  }
}

interface ProductRow {
  criteria: string;
  part: string;
  vendor: string;
  product: string;
  version: string;
  version_start_including: string | null;
  version_start_excluding: string | null;
  version_end_including: string | null;
  version_end_excluding: string | null;
  vulnerable: number;
}

function toProduct(row: ProductRow): AffectedProduct {
  return {
    criteria: row.criteria,
    part: row.part,
    vendor: row.vendor,
    product: row.product,
    version: row.version,
    versionStartIncluding: row.version_start_including,
    versionStartExcluding: row.version_start_excluding,
    versionEndIncluding: row.version_end_including,
    versionEndExcluding: row.version_end_excluding,
    vulnerable: row.vulnerable === 1,
  };
}

function toKev(row: KevRow): KevEntry {
  return {
    cveId: row.cve_id,
    feedId: row.feed_id,
    vendorProject: row.vendor_project,
    product: row.product,
    vulnerabilityName: row.vulnerability_name,
    dateAdded: row.date_added,
    shortDescription: row.short_description,
    requiredAction: row.required_action,
    dueDate: row.due_date,
    knownRansomwareCampaignUse: row.known_ransomware_use,
    notes: row.notes,
    cwes: splitList(row.cwes),
  };
}

function toEpss(row: EpssRow): EpssScore {
  return { cveId: row.cve_id, feedId: row.feed_id, score: row.score, percentile: row.percentile, modelVersion: row.feed_version, scoreDate: row.feed_date ? row.feed_date.slice(0, 10) : null };
}

function preferredScore(row: CveRow): CvssScore | null {
  if (row.cvss_score === null || row.cvss_version === null) return null;
  return { version: row.cvss_version, score: row.cvss_score, severity: row.cvss_severity, vector: row.cvss_vector ?? '', source: row.cvss_source ?? '', type: row.cvss_type };
}

function toAffected(row: AffectedRow): AffectedRecord {
  return {
    source: row.source,
    feedId: row.feed_id,
    distribution: row.distribution,
    release: row.release,
    ecosystem: row.ecosystem,
    package: row.package,
    cveId: row.cve,
    advisoryId: row.advisory_id,
    status: row.status,
    fixedVersion: row.fixed_version,
    urgency: row.urgency,
    note: row.note,
  };
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(', ');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
