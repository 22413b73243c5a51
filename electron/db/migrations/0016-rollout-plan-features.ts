/**
 * Rollout plans, part B: the selection's narrowing (by severity, named advisories or KBs, the
 * updates that fix an emergency cycle's trigger), the moment a rollout that waits for its next
 * maintenance window resumes by itself, and the manual step of a network device with the
 * evidence an admin ticks it with. Columns only: the tables' CHECKs and rows stay as they are.
 */
export const migration0016 = {
  version: 16,
  name: 'rollout-plan-features',
  sql: `
ALTER TABLE rollouts ADD COLUMN selection_filters_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE rollouts ADD COLUMN resume_at TEXT;
CREATE INDEX rollouts_resume_at ON rollouts(resume_at) WHERE resume_at IS NOT NULL;

ALTER TABLE rollout_hosts ADD COLUMN manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1));
ALTER TABLE rollout_hosts ADD COLUMN manual_target TEXT NOT NULL DEFAULT '';
ALTER TABLE rollout_hosts ADD COLUMN manual_note TEXT;
ALTER TABLE rollout_hosts ADD COLUMN manual_file_ref TEXT;
ALTER TABLE rollout_hosts ADD COLUMN manual_sha256 TEXT CHECK (manual_sha256 IS NULL OR (length(manual_sha256) = 64 AND manual_sha256 NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE rollout_hosts ADD COLUMN manual_by TEXT;
ALTER TABLE rollout_hosts ADD COLUMN manual_at TEXT;
`,
} as const;
