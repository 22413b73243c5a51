/**
 * Patch status: collection runs, each host's collections (history), the latest installed
 * packages, every missing update with the date it was first seen missing, and pinned host keys.
 */
export const migration0003 = {
  version: 3,
  name: 'patch-status',
  sql: `
CREATE TABLE collection_runs (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  hosts_total INTEGER NOT NULL DEFAULT 0,
  hosts_ok INTEGER NOT NULL DEFAULT 0,
  hosts_failed INTEGER NOT NULL DEFAULT 0,
  options_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX collection_runs_by_site ON collection_runs(site_id, id);

CREATE TABLE host_collections (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  run_id INTEGER REFERENCES collection_runs(id) ON DELETE SET NULL,
  collected_at TEXT NOT NULL,
  method TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  error_code TEXT,
  error_message TEXT NOT NULL DEFAULT '',
  pending_count INTEGER NOT NULL DEFAULT 0,
  security_count INTEGER NOT NULL DEFAULT 0,
  data_json TEXT
);
CREATE INDEX host_collections_by_asset ON host_collections(asset_id, id);

CREATE TABLE installed_packages (
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  arch TEXT NOT NULL,
  version TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  source_version TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (asset_id, name, arch, version)
);

CREATE TABLE pending_updates (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  update_key TEXT NOT NULL,
  name TEXT NOT NULL,
  arch TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  installed_version TEXT,
  available_version TEXT NOT NULL,
  repository TEXT NOT NULL DEFAULT '',
  security INTEGER,
  severity TEXT NOT NULL DEFAULT '',
  cves_json TEXT NOT NULL DEFAULT '[]',
  advisories_json TEXT NOT NULL DEFAULT '[]',
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  resolved_at TEXT,
  first_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  last_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX pending_updates_open ON pending_updates(asset_id, update_key) WHERE resolved_at IS NULL;
CREATE INDEX pending_updates_by_asset ON pending_updates(asset_id, resolved_at);

CREATE TABLE host_keys (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  endpoint TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pinned', 'changed', 'replaced')),
  previous_fingerprint TEXT,
  seen_at TEXT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT
);
CREATE INDEX host_keys_by_asset ON host_keys(asset_id, endpoint, state);
`,
} as const;
