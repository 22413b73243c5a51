/**
 * Indexes for the patch-status views and compliance figures at a thousand assets with a year of
 * weekly collections: "the latest successful collection of each asset" becomes a lookup instead
 * of a walk through every collection the asset ever had.
 */
export const migration0007 = {
  version: 7,
  name: 'compliance-indexes',
  sql: `
CREATE INDEX host_collections_by_outcome ON host_collections(asset_id, outcome, collected_at);
`,
} as const;
