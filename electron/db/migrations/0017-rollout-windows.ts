/**
 * Windows hosts in rollouts: a plan may name Windows updates (KB article ids or WUA update ids)
 * beside Linux package names, and each planned update keeps the title Windows Update gave it
 * at the preview (KB numbers alone do not tell an approver what they approve). Both columns
 * default to empty, so existing rollouts read exactly as before.
 */
export const migration0017 = {
  version: 17,
  name: 'rollout-windows',
  sql: `
ALTER TABLE rollouts ADD COLUMN selection_kbs_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE rollout_packages ADD COLUMN title TEXT NOT NULL DEFAULT '';
`,
};
