/**
 * Feed age against the site policy's limits: which imported vulnerability feeds are too old to
 * trust their figures, and which figures are not measured at all because their feed was never
 * imported. One rule for every surface (the dashboard, the Feeds panel, `patchdesk intel status`
 * and the evidence pack), so they flag the same feeds in the same words.
 *
 * A feed's age is counted from its own date where it has one (KEV `dateReleased`, EPSS
 * `score_date`, ...), else from its retrieval time (the Debian tracker carries no date); the
 * caller passes it as `ageDays` (see IntelService.status).
 */
import { plural } from '../text/plural';

/** The feed kinds a policy can limit (the same list as the contract's `INTEL_FEED_KINDS`). */
export const FEED_AGE_KINDS = ['kev', 'epss', 'nvd', 'osv', 'debian-tracker', 'msrc'] as const;
export type FeedAgeKind = (typeof FEED_AGE_KINDS)[number];

/** Days after which a feed of each kind is flagged as old. */
export type FeedAgeLimits = Record<FeedAgeKind, number>;

/**
 * KEV and EPSS change daily (CISA adds entries several times a week, FIRST rescores every day);
 * the distribution trackers, OSV and NVD are read for fixed versions and scores that change more
 * slowly; Microsoft publishes monthly, so a month and a half covers one Patch Tuesday missed.
 */
export const DEFAULT_FEED_AGE_LIMIT_DAYS: FeedAgeLimits = {
  kev: 7,
  epss: 7,
  nvd: 30,
  osv: 30,
  'debian-tracker': 30,
  msrc: 45,
};

/** Short names used in the flags. */
export const FEED_AGE_KIND_NAMES: Record<FeedAgeKind, string> = {
  kev: 'KEV',
  epss: 'EPSS',
  nvd: 'NVD',
  osv: 'OSV',
  'debian-tracker': 'Debian tracker',
  msrc: 'Microsoft security update',
};

/** What goes unmeasured without a feed of the kind, for the "no feed imported" flags. */
const WHAT_IT_MEASURES: Partial<Record<FeedAgeKind, string>> = {
  kev: 'known-exploited figures not measured',
  epss: 'exploit probabilities (EPSS) not measured',
};

/** What may be incomplete when a feed of the kind is old. */
const WHAT_GOES_STALE: Record<FeedAgeKind, string> = {
  kev: 'KEV figures may be incomplete',
  epss: 'EPSS scores may be out of date',
  nvd: 'CVSS scores may be out of date',
  osv: 'CVE mappings from OSV may miss recent advisories',
  'debian-tracker': 'Debian CVE mappings may miss recent fixes',
  msrc: 'Windows CVE mappings may miss recent updates',
};

/** The limits a policy sets, each kind it leaves out at its default (policies saved before the field existed). */
export function feedAgeLimits(stored: Partial<FeedAgeLimits> | undefined): FeedAgeLimits {
  return { ...DEFAULT_FEED_AGE_LIMIT_DAYS, ...(stored ?? {}) };
}

/** The part of a current feed the rule reads (the contract's `IntelFeedStatus` fits). */
export interface AgedFeed {
  id: number;
  kind: FeedAgeKind;
  scope: string;
  /** Whole days since the feed's own date, or since retrieval without one; null when unreadable. */
  ageDays: number | null;
  /** Whether the age counts from the feed's own date (else from retrieval). */
  feedDate: string | null;
}

/** One flag: a feed too old, of unknown age, or a kind whose figures are not measured at all. */
export interface FeedAgeFlag {
  kind: FeedAgeKind;
  /** The feed flagged; null for `missing`. */
  feedId: number | null;
  state: 'stale' | 'age_unknown' | 'missing';
  ageDays: number | null;
  limitDays: number;
  /** One sentence saying what is wrong, what it means for the figures and what to do. */
  message: string;
}

/** The feed's name in a flag: "KEV", or "OSV (ubuntu)" for a scoped feed. */
function feedName(feed: AgedFeed): string {
  const scope = feed.scope !== '' && feed.scope !== 'records' ? ` (${feed.scope})` : '';
  return `${FEED_AGE_KIND_NAMES[feed.kind]}${scope}`;
}

// The same counted form as every other surface ("1,536 days"), so a flag and its feed's row agree.
const days = (count: number) => plural(count, 'day');

/** The flag for one feed under the limits, or null when it is within its limit. */
export function feedAgeFlag(feed: AgedFeed, limits: FeedAgeLimits): FeedAgeFlag | null {
  const limitDays = limits[feed.kind];
  if (feed.ageDays === null) {
    return { kind: feed.kind, feedId: feed.id, state: 'age_unknown', ageDays: null, limitDays, message: `${feedName(feed)} feed's age is unknown (limit ${days(limitDays)}): ${WHAT_GOES_STALE[feed.kind]} — import a newer feed` };
  }
  if (feed.ageDays <= limitDays) return null;
  const since = feed.feedDate ? '' : ' since retrieved';
  return { kind: feed.kind, feedId: feed.id, state: 'stale', ageDays: feed.ageDays, limitDays, message: `${feedName(feed)} feed is ${days(feed.ageDays)} old${since} (limit ${limitDays}): ${WHAT_GOES_STALE[feed.kind]} — import a newer feed` };
}

/**
 * Every flag for the current feeds: each feed older than its kind's limit (or of unknown age),
 * then each kind whose absence leaves a headline figure unmeasured (KEV, EPSS). Distribution
 * feeds missing are said per asset by the mapping ("no Debian tracker imported"), not here.
 */
export function feedAgeFlags(feeds: readonly AgedFeed[], limits: FeedAgeLimits): FeedAgeFlag[] {
  const flags: FeedAgeFlag[] = [];
  for (const feed of feeds) {
    const flag = feedAgeFlag(feed, limits);
    if (flag) flags.push(flag);
  }
  for (const kind of FEED_AGE_KINDS) {
    const unmeasured = WHAT_IT_MEASURES[kind];
    if (unmeasured && !feeds.some((feed) => feed.kind === kind)) {
      flags.push({ kind, feedId: null, state: 'missing', ageDays: null, limitDays: limits[kind], message: `no ${FEED_AGE_KIND_NAMES[kind]} feed imported: ${unmeasured}` });
    }
  }
  return flags;
}
