import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED_AGE_LIMIT_DAYS, feedAgeFlags, feedAgeLimits, type AgedFeed } from './feed-age';

const feed = (id: number, kind: AgedFeed['kind'], ageDays: number | null, feedDate: string | null = '2026-11-20', scope = ''): AgedFeed => ({ id, kind, scope, ageDays, feedDate });

describe('feed age flags', () => {
  it('flags a feed older than its kind limit, in the words the dashboard shows', () => {
    const flags = feedAgeFlags([feed(1, 'kev', 12), feed(2, 'epss', 7), feed(3, 'debian-tracker', 31, null)], DEFAULT_FEED_AGE_LIMIT_DAYS);
    expect(flags.map((flag) => flag.message)).toEqual([
      'KEV feed is 12 days old (limit 7): KEV figures may be incomplete — import a newer feed',
      'Debian tracker feed is 31 days old since retrieved (limit 30): Debian CVE mappings may miss recent fixes — import a newer feed',
    ]);
    expect(flags[0]).toMatchObject({ kind: 'kev', feedId: 1, state: 'stale', ageDays: 12, limitDays: 7 });
  });

  it('says KEV and EPSS figures are not measured when their feed was never imported', () => {
    const flags = feedAgeFlags([feed(5, 'osv', 2, '2026-11-30', 'ubuntu')], DEFAULT_FEED_AGE_LIMIT_DAYS);
    expect(flags.map((flag) => [flag.state, flag.kind, flag.message])).toEqual([
      ['missing', 'kev', 'no KEV feed imported: known-exploited figures not measured'],
      ['missing', 'epss', 'no EPSS feed imported: exploit probabilities (EPSS) not measured'],
    ]);
  });

  it('uses the policy limits, each kind left out at its default, and flags an unreadable age', () => {
    const limits = feedAgeLimits({ kev: 14 });
    expect(limits).toEqual({ ...DEFAULT_FEED_AGE_LIMIT_DAYS, kev: 14 });
    const flags = feedAgeFlags([feed(1, 'kev', 12), feed(2, 'epss', null), feed(3, 'osv', 40, '2026-10-01', 'ubuntu')], limits);
    expect(flags.map((flag) => [flag.kind, flag.state])).toEqual([['epss', 'age_unknown'], ['osv', 'stale']]);
    expect(flags[1]?.message).toBe('OSV (ubuntu) feed is 40 days old (limit 30): CVE mappings from OSV may miss recent advisories — import a newer feed');
  });
});
