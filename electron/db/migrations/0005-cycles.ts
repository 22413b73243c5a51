/**
 * Patch cycles: per-site settings and checklist templates, cycles (monthly baseline and
 * emergency), their checklist items with an append-only history of every tick and reopening,
 * the assets an emergency covers, deployment rings and maintenance windows.
 */
export const migration0005 = {
  version: 5,
  name: 'cycles',
  sql: `
CREATE TABLE cycle_settings (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE RESTRICT,
  settings_json TEXT,
  baseline_template_json TEXT,
  emergency_template_json TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE cycles (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('baseline', 'emergency')),
  month TEXT,
  title TEXT NOT NULL,
  trigger_kind TEXT CHECK (trigger_kind IN ('cve', 'kb', 'advisory')),
  trigger_ref TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  anchor_date TEXT NOT NULL,
  deadline_at TEXT,
  period_from TEXT NOT NULL,
  period_to TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT NOT NULL DEFAULT '',
  close_note TEXT NOT NULL DEFAULT '',
  CHECK (kind <> 'baseline' OR month IS NOT NULL),
  CHECK (kind <> 'emergency' OR (month IS NULL AND trigger_kind IS NOT NULL AND trigger_ref <> '' AND reason <> '' AND deadline_at IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX cycles_one_baseline_per_month ON cycles(site_id, month) WHERE kind = 'baseline';
CREATE INDEX cycles_by_site ON cycles(site_id, status, id);

CREATE TABLE cycle_assets (
  cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  PRIMARY KEY (cycle_id, asset_id)
);

CREATE TABLE cycle_items (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('task', 'triage', 'deploy', 'rescan')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'not_applicable')),
  UNIQUE (cycle_id, key)
);

CREATE TABLE cycle_item_events (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES cycle_items(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('done', 'not_applicable', 'reopened')),
  done_by TEXT NOT NULL DEFAULT '',
  done_at TEXT,
  note TEXT NOT NULL DEFAULT '',
  evidence_json TEXT NOT NULL DEFAULT '[]',
  rescan_json TEXT
);
CREATE INDEX cycle_item_events_by_item ON cycle_item_events(item_id, id);

CREATE TABLE asset_rings (
  asset_id INTEGER PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
  ring TEXT NOT NULL CHECK (ring IN ('test', 'pilot', 'broad')),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE maintenance_windows (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  ring TEXT CHECK (ring IS NULL OR ring IN ('test', 'pilot', 'broad')),
  label TEXT NOT NULL DEFAULT '',
  weekdays TEXT NOT NULL,
  start_time TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 10080),
  position INTEGER NOT NULL
);
CREATE INDEX maintenance_windows_by_site ON maintenance_windows(site_id, position);
`,
} as const;
