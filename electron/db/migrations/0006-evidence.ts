/**
 * Evidence packs: the MSP branding printed on reports (one row, installation-wide) and a record
 * of every pack written, so "which packs did we hand out for this site?" has an answer.
 */
export const migration0006 = {
  version: 6,
  name: 'evidence',
  sql: `
CREATE TABLE evidence_branding (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  msp_name TEXT NOT NULL DEFAULT '',
  contact_line TEXT NOT NULL DEFAULT '',
  logo_mime TEXT CHECK (logo_mime IN ('image/png', 'image/jpeg')),
  logo BLOB CHECK (logo IS NULL OR length(logo) <= 524288),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK ((logo IS NULL) = (logo_mime IS NULL))
);
CREATE TABLE evidence_packs (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  file_path TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  manifest_sha256 TEXT NOT NULL,
  signer_fingerprint TEXT NOT NULL,
  audit_head_hash TEXT NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX evidence_packs_by_site ON evidence_packs(site_id, generated_at);
`,
} as const;
