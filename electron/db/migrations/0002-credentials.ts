/** The credentials vault: wrapped data key, sealed credentials, their bindings to assets, and every use. */
export const migration0002 = {
  version: 2,
  name: 'credentials',
  sql: `
CREATE TABLE vault (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  protection TEXT NOT NULL CHECK (protection IN ('passphrase', 'os-keychain')),
  kdf_params_json TEXT NOT NULL DEFAULT '{}',
  wrapped_data_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE credentials (
  id INTEGER PRIMARY KEY,
  site_id INTEGER REFERENCES sites(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ssh', 'winrm', 'snmp')),
  auth_method TEXT NOT NULL CHECK (auth_method IN ('key', 'password', 'ntlm', 'basic', 'community')),
  username TEXT NOT NULL DEFAULT '',
  public_info_json TEXT NOT NULL DEFAULT '{}',
  sealed_secrets TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE UNIQUE INDEX credentials_unique_name ON credentials(COALESCE(site_id, 0), name COLLATE NOCASE) WHERE retired_at IS NULL;

CREATE TABLE credential_bindings (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  asset_id INTEGER REFERENCES assets(id) ON DELETE CASCADE,
  tag TEXT,
  created_at TEXT NOT NULL,
  CHECK ((asset_id IS NULL) <> (tag IS NULL))
);
CREATE UNIQUE INDEX credential_bindings_asset ON credential_bindings(credential_id, asset_id) WHERE asset_id IS NOT NULL;
CREATE UNIQUE INDEX credential_bindings_tag ON credential_bindings(credential_id, tag) WHERE tag IS NOT NULL;

CREATE TABLE credential_uses (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
  at TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX credential_uses_by_credential ON credential_uses(credential_id, at);
`,
} as const;
