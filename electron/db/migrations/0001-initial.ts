/** Sites, the inventory, scans and the hash-chained audit log. */
export const migration0001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  networks_json TEXT NOT NULL DEFAULT '[]',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  contact_json TEXT NOT NULL DEFAULT '{"name":"","email":"","phone":""}',
  notes TEXT NOT NULL DEFAULT '',
  policy_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  hostname TEXT NOT NULL DEFAULT '',
  hostname_key TEXT NOT NULL DEFAULT '',
  mac TEXT NOT NULL DEFAULT '',
  os_family TEXT NOT NULL DEFAULT 'unknown',
  os_name TEXT NOT NULL DEFAULT '',
  os_version TEXT NOT NULL DEFAULT '',
  device_type TEXT NOT NULL DEFAULT 'unknown',
  role TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  tags_json TEXT NOT NULL DEFAULT '[]',
  access_json TEXT NOT NULL DEFAULT '{"method":"none","port":null,"username":""}',
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('unreviewed', 'active', 'dismissed', 'retired')),
  source TEXT NOT NULL CHECK (source IN ('manual', 'scan', 'csv', 'nmap')),
  stale INTEGER NOT NULL DEFAULT 0,
  missed_scans INTEGER NOT NULL DEFAULT 0,
  first_seen_at TEXT,
  last_seen_at TEXT,
  open_ports_json TEXT NOT NULL DEFAULT '[]',
  evidence_json TEXT NOT NULL DEFAULT '[]',
  classification_json TEXT,
  computed_tier INTEGER CHECK (computed_tier BETWEEN 1 AND 4),
  override_tier INTEGER CHECK (override_tier BETWEEN 1 AND 4),
  override_reason TEXT NOT NULL DEFAULT '',
  override_by TEXT NOT NULL DEFAULT '',
  override_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assets_by_site_status ON assets(site_id, status);
CREATE INDEX assets_by_mac ON assets(site_id, mac) WHERE mac <> '';
CREATE INDEX assets_by_hostname ON assets(site_id, hostname_key) WHERE hostname_key <> '';

CREATE TABLE asset_addresses (
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  address TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (asset_id, address)
);
CREATE INDEX asset_addresses_by_site_address ON asset_addresses(site_id, address);

CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  targets_json TEXT NOT NULL,
  ports_json TEXT NOT NULL,
  options_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  total_addresses INTEGER NOT NULL,
  probed_addresses INTEGER NOT NULL DEFAULT 0,
  live_hosts INTEGER NOT NULL DEFAULT 0,
  new_hosts INTEGER NOT NULL DEFAULT 0,
  stale_marked INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX scans_by_site ON scans(site_id, started_at);

CREATE TABLE scan_hosts (
  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
  host_json TEXT NOT NULL,
  PRIMARY KEY (scan_id, address)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  site_id INTEGER,
  entity_type TEXT NOT NULL,
  entity_id INTEGER,
  action TEXT NOT NULL,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_by_site ON audit_log(site_id, at);
`,
} as const;
