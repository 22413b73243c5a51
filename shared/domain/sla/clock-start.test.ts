import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY, withPolicyDefaults } from '../patch-policy';
import { clockStartLabel, slaClockStart } from './clock-start';
import { breachIntervals } from './testing/reference-compliance';
import { slaDeadline, slaStatus, type SlaItem } from './testing/reference-sla-clock';

const seen = '2026-11-20T09:00:00.000Z';
const published = '2026-10-03T00:00:00.000Z';

describe('slaClockStart', () => {
  it('starts at publication by default, at first seen when the policy says so or no date exists', () => {
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: published, publishedBasis: 'published' }, {})).toEqual({ at: published, basis: 'published' });
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: published, publishedBasis: 'repository_date' }, { fixAgeBasis: 'publication' })).toEqual({ at: published, basis: 'repository_date' });
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: published, publishedBasis: 'published' }, { fixAgeBasis: 'first_seen' })).toEqual({ at: seen, basis: 'first_seen' });
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: null, publishedBasis: null }, {})).toEqual({ at: seen, basis: 'first_seen' });
    expect(slaClockStart({ firstSeenAt: seen }, {})).toEqual({ at: seen, basis: 'first_seen' });
  });

  it('never starts later than first seen, and ignores an unreadable date', () => {
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: '2026-12-01T00:00:00.000Z', publishedBasis: 'published' }, {})).toEqual({ at: seen, basis: 'first_seen' });
    expect(slaClockStart({ firstSeenAt: seen, publishedAt: 'yesterday', publishedBasis: 'published' }, {})).toEqual({ at: seen, basis: 'first_seen' });
  });

  it('labels the start for tables and reports', () => {
    expect(clockStartLabel('published', '2026-10-03')).toBe('published 2026-10-03');
    expect(clockStartLabel('first_seen', '2026-11-20')).toBe('first seen 2026-11-20');
    expect(clockStartLabel('repository_date', '2026-10-03')).toBe('in repository by 2026-10-03');
  });
});

describe('the SLA clock from publication', () => {
  const item: SlaItem = { assetId: 1, name: 'openssl', tier: 1, firstSeenAt: seen, publishedAt: published, publishedBasis: 'published', security: true, severity: 'Critical', cves: [], advisories: [], timeZone: 'Europe/Berlin' };

  it('makes a fix published long ago overdue at its first sighting', () => {
    const status = slaStatus(item, DEFAULT_PATCH_POLICY, seen);
    expect(status).toMatchObject({ state: 'overdue', clockBasis: 'published', clockStartDate: '2026-10-03', firstSeenDate: '2026-11-20', dueDate: '2026-10-10', overdueDays: 41 });
  });

  it('counts breach time only from first seen: nothing before Patchdesk measured the host', () => {
    expect(breachIntervals({ ...item, resolvedAt: null }, DEFAULT_PATCH_POLICY, [], { from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })).toEqual([{ from: seen, to: '2026-12-01T00:00:00.000Z' }]);
  });

  it('counts from first seen under a first-seen policy and for policies stored before the field', () => {
    const firstSeen = withPolicyDefaults({ ...DEFAULT_PATCH_POLICY, fixAgeBasis: 'first_seen' });
    expect(slaDeadline(item, firstSeen)).toMatchObject({ clockBasis: 'first_seen', clockStartDate: '2026-11-20', dueDate: '2026-11-27' });
    const { fixAgeBasis: _dropped, ...old } = DEFAULT_PATCH_POLICY;
    expect(withPolicyDefaults(old).fixAgeBasis).toBe('publication');
  });
});
