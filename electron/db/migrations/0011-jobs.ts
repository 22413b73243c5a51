/**
 * One durable record of every long job (scans, collection runs, evidence exports, rollouts): its
 * kind, site, state, owning process and heartbeat, parameters, last progress (with a sequence
 * number), result or error, and a cancel request another process can leave for the owner. Each
 * step a job takes on a target gets a row written before the step starts and updated when it ends,
 * so after a crash a restart can tell what every target was doing.
 *
 * Scans and collection runs keep their own tables (screens and reports read them) and gain the id
 * of the job that ran them. Scans and runs still marked running when this migration runs get a job
 * row with the same owner, so the job engine decides whether their process is gone, as it does for
 * every later job.
 */
export const migration0011 = {
  version: 11,
  name: 'jobs',
  sql: `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  site_id INTEGER REFERENCES sites(id) ON DELETE RESTRICT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  owner_pid INTEGER,
  owner_instance TEXT,
  owner_started_at TEXT,
  owner_host TEXT,
  owner_process_key TEXT,
  heartbeat_at TEXT,
  parameters_json TEXT NOT NULL DEFAULT '{}',
  progress_json TEXT,
  progress_seq INTEGER NOT NULL DEFAULT 0 CHECK (progress_seq >= 0),
  result_json TEXT,
  error TEXT NOT NULL DEFAULT '',
  cancel_requested_at TEXT,
  cancel_requested_by TEXT,
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX jobs_active ON jobs(state) WHERE state IN ('queued', 'running', 'waiting');
CREATE INDEX jobs_by_site ON jobs(site_id, created_at);
CREATE INDEX jobs_by_site_state ON jobs(site_id, state);

CREATE TABLE job_steps (
  id INTEGER PRIMARY KEY,
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  detail TEXT NOT NULL DEFAULT '',
  output_tail TEXT NOT NULL DEFAULT '',
  UNIQUE (job_id, target, name, attempt)
);
CREATE INDEX job_steps_running ON job_steps(job_id) WHERE state = 'running';

ALTER TABLE scans ADD COLUMN job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL;
ALTER TABLE collection_runs ADD COLUMN job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL;
CREATE INDEX scans_by_job ON scans(job_id) WHERE job_id IS NOT NULL;
CREATE INDEX collection_runs_by_job ON collection_runs(job_id) WHERE job_id IS NOT NULL;

INSERT INTO jobs (id, kind, site_id, state, owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at, parameters_json, created_at, started_at)
  SELECT 'legacy-scan-' || id, 'scan', site_id, 'running', owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at, json_object('scanId', id), started_at, started_at
    FROM scans WHERE status = 'running';
UPDATE scans SET job_id = 'legacy-scan-' || id WHERE status = 'running';
INSERT INTO jobs (id, kind, site_id, state, owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at, parameters_json, created_at, started_at)
  SELECT 'legacy-collect-' || id, 'collect', site_id, 'running', owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at, json_object('runId', id), started_at, started_at
    FROM collection_runs WHERE status = 'running';
UPDATE collection_runs SET job_id = 'legacy-collect-' || id WHERE status = 'running';
`,
} as const;
