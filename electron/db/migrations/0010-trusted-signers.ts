/**
 * Trusted signers: keys other than this installation's whose evidence packs verify here, each
 * with the name the admin gave it and who added it when. Removal deletes the row; the audit log
 * keeps the history of both.
 */
export const migration0010 = {
  version: 10,
  name: 'trusted-signers',
  sql: `
CREATE TABLE evidence_trusted_signers (
  fingerprint TEXT PRIMARY KEY CHECK (fingerprint GLOB 'SHA256:*' AND length(fingerprint) = 50),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
`,
} as const;
