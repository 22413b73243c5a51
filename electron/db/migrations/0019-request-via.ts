/**
 * How a change came: `audit_log.via` names the interface the person used (`desktop`, `browser`,
 * `cli`; a CLI command forwarding to the folder's owner is `cli` and is recorded under its own
 * actor), and `jobs.created_via` the interface that started a job, so its work (resumed by another
 * process too) is recorded the same way. Rows written before stay NULL: their hashes cover no
 * `via`, and the chain hashes a row's `via` only when it has one, so the existing chain still
 * verifies unchanged.
 */
export const migration0019 = {
  version: 19,
  name: 'request-via',
  sql: `
ALTER TABLE audit_log ADD COLUMN via TEXT CHECK (via IS NULL OR via IN ('desktop', 'browser', 'cli'));
ALTER TABLE jobs ADD COLUMN created_via TEXT CHECK (created_via IS NULL OR created_via IN ('desktop', 'browser', 'cli'));
`,
};
