/**
 * Vulnerability intelligence from imported feeds. Every record row names the feed file it came
 * from (intel_feeds: kind, file, address, retrieval time, SHA-256, the feed's own version and
 * date), so every figure traces back to a file. A newer file of the same kind and scope replaces
 * the older one's records in one transaction; the older feed row stays, marked superseded, as
 * history. CVE links are rows (intel_advisory_cves, intel_affected), never JSON in a column.
 */
export const migration0013 = {
  version: 13,
  name: 'intel-feeds',
  sql: `
CREATE TABLE intel_feeds (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kev', 'epss', 'nvd', 'osv', 'debian-tracker', 'msrc')),
  scope TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL,
  source_url TEXT,
  retrieved_at TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  feed_version TEXT,
  feed_date TEXT,
  record_count INTEGER NOT NULL CHECK (record_count >= 0),
  warnings_json TEXT NOT NULL DEFAULT '[]',
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  superseded_at TEXT,
  superseded_by INTEGER REFERENCES intel_feeds(id)
);
CREATE INDEX intel_feeds_by_kind ON intel_feeds(kind, scope, superseded_at);
CREATE INDEX intel_feeds_by_sha256 ON intel_feeds(sha256);

CREATE TABLE intel_kev (
  cve_id TEXT PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  vendor_project TEXT NOT NULL,
  product TEXT NOT NULL,
  vulnerability_name TEXT NOT NULL,
  date_added TEXT NOT NULL,
  short_description TEXT NOT NULL,
  required_action TEXT NOT NULL,
  due_date TEXT NOT NULL,
  known_ransomware_use TEXT,
  notes TEXT,
  cwes TEXT NOT NULL DEFAULT '',
  raw_json TEXT NOT NULL
);

CREATE TABLE intel_epss (
  cve_id TEXT PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  percentile REAL CHECK (percentile IS NULL OR (percentile >= 0 AND percentile <= 1))
) WITHOUT ROWID;

CREATE TABLE intel_cves (
  cve_id TEXT PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  source_identifier TEXT,
  published TEXT,
  last_modified TEXT,
  vuln_status TEXT,
  description TEXT,
  cvss_version TEXT,
  cvss_score REAL,
  cvss_severity TEXT,
  cvss_vector TEXT,
  cvss_source TEXT,
  cvss_type TEXT,
  cwes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX intel_cves_by_feed ON intel_cves(feed_id);

CREATE TABLE intel_cve_scores (
  cve_id TEXT NOT NULL REFERENCES intel_cves(cve_id) ON DELETE CASCADE,
  version TEXT NOT NULL,
  score REAL NOT NULL,
  severity TEXT,
  vector TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT
);
CREATE INDEX intel_cve_scores_by_cve ON intel_cve_scores(cve_id);

CREATE TABLE intel_cve_products (
  cve_id TEXT NOT NULL REFERENCES intel_cves(cve_id) ON DELETE CASCADE,
  criteria TEXT NOT NULL,
  part TEXT NOT NULL,
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  version_start_including TEXT,
  version_start_excluding TEXT,
  version_end_including TEXT,
  version_end_excluding TEXT,
  vulnerable INTEGER NOT NULL CHECK (vulnerable IN (0, 1))
);
CREATE INDEX intel_cve_products_by_cve ON intel_cve_products(cve_id);

CREATE TABLE intel_advisories (
  source TEXT NOT NULL CHECK (source IN ('osv', 'msrc')),
  advisory_id TEXT NOT NULL,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  distribution TEXT,
  published TEXT,
  modified TEXT,
  withdrawn TEXT,
  summary TEXT,
  severity_vector TEXT,
  PRIMARY KEY (source, advisory_id)
);
CREATE INDEX intel_advisories_by_feed ON intel_advisories(feed_id);
CREATE INDEX intel_advisories_by_id ON intel_advisories(advisory_id);
CREATE INDEX intel_advisories_by_distribution ON intel_advisories(source, distribution);

CREATE TABLE intel_advisory_cves (
  source TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  cve_id TEXT NOT NULL,
  PRIMARY KEY (source, advisory_id, cve_id),
  FOREIGN KEY (source, advisory_id) REFERENCES intel_advisories(source, advisory_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX intel_advisory_cves_by_cve ON intel_advisory_cves(cve_id);

CREATE TABLE intel_affected (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  source TEXT NOT NULL CHECK (source IN ('debian-tracker', 'osv', 'msrc')),
  distribution TEXT NOT NULL,
  release TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  package TEXT NOT NULL,
  vuln_id TEXT,
  advisory_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('fixed', 'open', 'not_affected', 'undetermined')),
  fixed_version TEXT,
  urgency TEXT,
  note TEXT,
  CHECK (vuln_id IS NOT NULL OR advisory_id IS NOT NULL),
  CHECK ((status = 'fixed') = (fixed_version IS NOT NULL) OR status = 'not_affected'),
  FOREIGN KEY (source, advisory_id) REFERENCES intel_advisories(source, advisory_id) ON DELETE CASCADE
);
CREATE INDEX intel_affected_by_package ON intel_affected(distribution, release, package);
CREATE INDEX intel_affected_by_vuln ON intel_affected(vuln_id);
CREATE INDEX intel_affected_by_advisory ON intel_affected(source, advisory_id);
CREATE INDEX intel_affected_by_feed ON intel_affected(feed_id);

CREATE TABLE intel_tracker_issues (
  package TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  feed_id INTEGER NOT NULL REFERENCES intel_feeds(id),
  description TEXT,
  scope TEXT,
  debian_bug INTEGER,
  PRIMARY KEY (package, vuln_id)
) WITHOUT ROWID;
CREATE INDEX intel_tracker_issues_by_vuln ON intel_tracker_issues(vuln_id);
`,
} as const;
