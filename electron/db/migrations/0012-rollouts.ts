/**
 * Rollouts: a plan (what, where, how), its rings in order, each host of each ring with its state
 * and outcome, and per host every package with the version it moves from and the version it is
 * pinned to (the pilot and broad rings get exactly what the test ring got). Each host's steps are
 * appended, never overwritten, so "what happened on this host, when" stays answerable.
 */
export const migration0012 = {
  version: 12,
  name: 'rollouts',
  sql: `
CREATE TABLE rollouts (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  state TEXT NOT NULL CHECK (state IN ('planned', 'previewed', 'approved', 'running', 'waiting', 'halted', 'interrupted', 'completed', 'cancelled')),
  state_reason TEXT NOT NULL DEFAULT '',
  selection_kind TEXT NOT NULL CHECK (selection_kind IN ('all', 'security', 'packages')),
  selection_packages_json TEXT NOT NULL DEFAULT '[]',
  reboot_policy TEXT NOT NULL CHECK (reboot_policy IN ('never', 'if-required', 'always')),
  failure_budget TEXT NOT NULL,
  pre_commands_json TEXT NOT NULL DEFAULT '[]',
  post_commands_json TEXT NOT NULL DEFAULT '[]',
  auto_rollback INTEGER NOT NULL DEFAULT 1 CHECK (auto_rollback IN (0, 1)),
  cycle_id INTEGER REFERENCES cycles(id) ON DELETE SET NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  previewed_at TEXT,
  approved_by TEXT,
  approved_at TEXT,
  started_at TEXT,
  finished_at TEXT,
  job_id TEXT
);
CREATE INDEX rollouts_by_site ON rollouts(site_id, id);

CREATE TABLE rollout_rings (
  id INTEGER PRIMARY KEY,
  rollout_id INTEGER NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 100),
  gate_all_verified INTEGER NOT NULL DEFAULT 0 CHECK (gate_all_verified IN (0, 1)),
  gate_health_passed INTEGER NOT NULL DEFAULT 1 CHECK (gate_health_passed IN (0, 1)),
  gate_soak_minutes INTEGER NOT NULL DEFAULT 0 CHECK (gate_soak_minutes BETWEEN 0 AND 10080),
  gate_manual_approval INTEGER NOT NULL DEFAULT 0 CHECK (gate_manual_approval IN (0, 1)),
  window_ring TEXT CHECK (window_ring IS NULL OR window_ring IN ('test', 'pilot', 'broad')),
  gate_approved_by TEXT,
  gate_approved_at TEXT,
  started_at TEXT,
  ended_at TEXT,
  UNIQUE (rollout_id, position),
  UNIQUE (rollout_id, name)
);

CREATE TABLE rollout_hosts (
  id INTEGER PRIMARY KEY,
  rollout_id INTEGER NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE,
  ring_id INTEGER NOT NULL REFERENCES rollout_rings(id) ON DELETE CASCADE,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
  hostname TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'nothing_to_do', 'installed', 'installed_with_warnings', 'failed', 'rolled_back', 'rollback_failed', 'unreachable', 'preflight_blocked', 'skipped')),
  step TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  preview_problem TEXT NOT NULL DEFAULT '',
  reboot_expected INTEGER CHECK (reboot_expected IS NULL OR reboot_expected IN (0, 1)),
  rebooted INTEGER NOT NULL DEFAULT 0 CHECK (rebooted IN (0, 1)),
  boot_id_before TEXT,
  boot_id_after TEXT,
  slot TEXT NOT NULL DEFAULT '',
  post_checks_passed INTEGER CHECK (post_checks_passed IS NULL OR post_checks_passed IN (0, 1)),
  verified_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  started_at TEXT,
  finished_at TEXT,
  UNIQUE (rollout_id, asset_id)
);
CREATE INDEX rollout_hosts_by_asset ON rollout_hosts(asset_id, state);

CREATE TABLE rollout_packages (
  id INTEGER PRIMARY KEY,
  host_id INTEGER NOT NULL REFERENCES rollout_hosts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  from_version TEXT,
  to_version TEXT NOT NULL,
  requested INTEGER NOT NULL CHECK (requested IN (0, 1)),
  rollback_available INTEGER CHECK (rollback_available IS NULL OR rollback_available IN (0, 1)),
  rollback_source TEXT NOT NULL DEFAULT '',
  observed_version TEXT,
  observed_at TEXT,
  UNIQUE (host_id, name)
);

CREATE TABLE rollout_host_events (
  id INTEGER PRIMARY KEY,
  host_id INTEGER NOT NULL REFERENCES rollout_hosts(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  step TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('started', 'ok', 'failed', 'skipped', 'note')),
  message TEXT NOT NULL DEFAULT '',
  output_tail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rollout_host_events_by_host ON rollout_host_events(host_id, id);
`,
} as const;
