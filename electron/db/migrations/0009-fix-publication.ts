/**
 * The vendor's publication date of each missing fix, so SLA clocks can start when a fix was
 * published rather than when Patchdesk first saw it missing. `published_basis` records how the
 * date was obtained: `published` (the vendor's date for the fix: updateinfo, zypper patch, Windows
 * Update) or `repository_date` (an upper bound: the Date of the apt Release file that offered it).
 * Both stay NULL when the source gave no date; existing rows keep counting from first seen.
 */
export const migration0009 = {
  version: 9,
  name: 'fix-publication',
  sql: `
ALTER TABLE pending_updates ADD COLUMN published_at TEXT;
ALTER TABLE pending_updates ADD COLUMN published_basis TEXT
  CHECK (published_basis IS NULL OR (published_basis IN ('published', 'repository_date') AND published_at IS NOT NULL));
`,
} as const;
