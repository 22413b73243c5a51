/** The exception register: documented, time-limited acceptance of missing fixes, with renewals kept as history. */
export const migration0004 = {
  version: 4,
  name: 'exceptions',
  sql: `
CREATE TABLE exceptions (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('asset', 'update', 'cve', 'kb', 'package')),
  asset_id INTEGER REFERENCES assets(id) ON DELETE RESTRICT,
  scope_value TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  compensating_controls TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL,
  approver TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remediation_date TEXT,
  closed_at TEXT,
  close_reason TEXT NOT NULL DEFAULT '',
  renews_id INTEGER REFERENCES exceptions(id) ON DELETE RESTRICT,
  renewed_by_id INTEGER REFERENCES exceptions(id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (scope_kind <> 'asset' OR asset_id IS NOT NULL),
  CHECK (scope_kind = 'asset' OR scope_value <> '')
);
CREATE INDEX exceptions_by_site ON exceptions(site_id, expires_at);
`,
} as const;
