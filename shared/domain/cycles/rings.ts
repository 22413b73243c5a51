/**
 * Deployment rings: updates go to a few test machines first, then a pilot group, then everyone.
 * An asset nobody assigned is in the broad ring, so a new host is never skipped by a rollout.
 */

/** The rings in rollout order. */
export const RINGS = ['test', 'pilot', 'broad'] as const;
/** One of `RINGS`. */
export type Ring = (typeof RINGS)[number];

/** The ring of an asset with no assignment. */
export const DEFAULT_RING: Ring = 'broad';
