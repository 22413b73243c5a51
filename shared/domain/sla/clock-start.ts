/**
 * Where a missing fix's SLA clock starts: at the date its vendor published it, when the source
 * gave one and the site's policy counts from publication, otherwise when Patchdesk first saw it
 * missing. This is the one place that choice is made; the SLA engines take its answer.
 */

/** How a collected publication date was obtained (stored per fix). */
export const PUBLICATION_BASES = ['published', 'repository_date'] as const;
/**
 * `published`: the vendor's own date for the fix (updateinfo `issued`/`updated`, a zypper patch's
 * issue date, Windows Update's `LastDeploymentChangeTime`). `repository_date`: an upper bound, the
 * `Date:` of the apt Release file that offered the fix (it was published at or before then).
 */
export type PublicationBasis = (typeof PUBLICATION_BASES)[number];

/** What a fix's SLA clock was started from. */
export const CLOCK_BASES = [...PUBLICATION_BASES, 'first_seen'] as const;
/** One of `CLOCK_BASES`. */
export type ClockBasis = (typeof CLOCK_BASES)[number];

/** The policy's choice: count fix age from publication (default) or from first seen. */
export const FIX_AGE_BASES = ['publication', 'first_seen'] as const;
/** One of `FIX_AGE_BASES`. */
export type FixAgeBasis = (typeof FIX_AGE_BASES)[number];

/** The publication fields of a fix (a pending-update row); both null when the source gave none. */
export interface FixPublication {
  /** When Patchdesk first saw the fix missing (ISO-8601 instant). */
  firstSeenAt: string;
  /** The publication instant (ISO-8601), or null/absent when the source gave none. */
  publishedAt?: string | null;
  publishedBasis?: PublicationBasis | null;
}

/** The instant a fix's SLA clock starts and what it was taken from. */
export interface ClockStart {
  at: string;
  basis: ClockBasis;
}

/**
 * The SLA clock start of a fix under a policy: its publication instant when the policy counts
 * from publication (`fixAgeBasis` absent means publication, the default) and the fix has one,
 * else first seen. A publication date LATER than first seen (a revised advisory, a Release file
 * fetched after the fix was already missing) never delays the clock: first seen wins then.
 * Instants compare as epoch milliseconds; an unreadable publication instant falls back to first
 * seen rather than to any guess (stored instants are validated at collection time).
 */
export function slaClockStart(fix: FixPublication, policy: { fixAgeBasis?: FixAgeBasis }): ClockStart {
  const firstSeen: ClockStart = { at: fix.firstSeenAt, basis: 'first_seen' };
  // Only an explicit first-seen policy gives up publication dates: a missing or unknown value gets the stricter default.
  if (policy.fixAgeBasis === 'first_seen') return firstSeen;
  if (!fix.publishedAt || !fix.publishedBasis) return firstSeen;
  const published = Date.parse(fix.publishedAt);
  const seen = Date.parse(fix.firstSeenAt);
  if (Number.isNaN(published) || Number.isNaN(seen) || published >= seen) return firstSeen;
  return { at: fix.publishedAt, basis: fix.publishedBasis };
}

/** A label for a clock start in the site's local date: "published 2026-10-03", "first seen 2026-11-20". */
export function clockStartLabel(basis: ClockBasis, localDate: string): string {
  switch (basis) {
    case 'published':
      return `published ${localDate}`;
    case 'repository_date':
      return `in repository by ${localDate}`;
    case 'first_seen':
      return `first seen ${localDate}`;
  }
}

/** Short names of the clock bases, for "since <date> (<basis>)". */
const CLOCK_BASIS_NAMES: Record<ClockBasis, string> = { published: 'published', repository_date: 'in repository by then', first_seen: 'first seen' };

/**
 * Since when a fix has been missing by its SLA clock, in the site's local date, with the basis as
 * the "Clock from" column states it: "since 2026-10-03 (published)", "since 2026-11-20 (first seen)".
 */
export function clockSinceLabel(basis: ClockBasis, localDate: string): string {
  return `since ${localDate} (${CLOCK_BASIS_NAMES[basis]})`;
}
