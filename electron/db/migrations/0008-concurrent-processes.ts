/**
 * Several processes, one database. The audit log's chain cannot fork: a new row must name the
 * current head as its previous hash, checked by the database itself, so two writers that read the
 * same head cannot both append. Rows already in a database are left as they are (a chain forked
 * by an older version stays visible to `verify --log`); only new rows are checked. Scans and
 * collection runs record the process that owns them and its heartbeat, so a starting process
 * marks as interrupted only the jobs whose owner is gone.
 */
export const migration0008 = {
  version: 8,
  name: 'concurrent-processes',
  sql: `
CREATE TRIGGER audit_log_append_to_head BEFORE INSERT ON audit_log
WHEN NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${'0'.repeat(64)}')
BEGIN
  SELECT RAISE(ABORT, 'audit log: a new entry must follow the current chain head');
END;

ALTER TABLE scans ADD COLUMN owner_pid INTEGER;
ALTER TABLE scans ADD COLUMN owner_instance TEXT;
ALTER TABLE scans ADD COLUMN owner_started_at TEXT;
ALTER TABLE scans ADD COLUMN owner_host TEXT;
ALTER TABLE scans ADD COLUMN owner_process_key TEXT;
ALTER TABLE scans ADD COLUMN heartbeat_at TEXT;

ALTER TABLE collection_runs ADD COLUMN owner_pid INTEGER;
ALTER TABLE collection_runs ADD COLUMN owner_instance TEXT;
ALTER TABLE collection_runs ADD COLUMN owner_started_at TEXT;
ALTER TABLE collection_runs ADD COLUMN owner_host TEXT;
ALTER TABLE collection_runs ADD COLUMN owner_process_key TEXT;
ALTER TABLE collection_runs ADD COLUMN heartbeat_at TEXT;
`,
} as const;
