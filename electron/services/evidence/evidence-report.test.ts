import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../../../shared/domain/patch-policy';
import { standardMethodology } from './evidence-report';

describe('standardMethodology', () => {
  const notes = standardMethodology({ timezone: 'Europe/Berlin', policy: DEFAULT_PATCH_POLICY });
  const text = notes.map((note) => `${note.title}: ${note.text}`).join('\n');

  it('explains every number the report prints', () => {
    expect(notes.map((note) => note.title)).toEqual([
      'Time zone and period',
      'SLA due dates',
      'When the SLA clock starts',
      'Within SLA, due soon and overdue',
      'Measured assets and coverage',
      'Fully patched and security patched',
      'End of life',
      'Exceptions stop the clock only while active',
      'Known exploited vulnerabilities',
      'Trend',
      'Audit log and integrity',
    ]);
  });

  it('states the time zone, the policy figures and the domain constants it relies on', () => {
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('7 days for a critical fix on a tier 1 asset');
    expect(text).toContain('held to tier 2');
    expect(text).toContain('at most 20 % of its SLA days, or 2 days');
    expect(text).toContain('at most 90 days before it must be renewed');
    expect(text).toContain('in its last 14 days');
    expect(text).toContain('0-7, 8-30, 31-90 and more than 90');
  });

  it('follows the policy it is given', () => {
    const strict = standardMethodology({ timezone: 'UTC', policy: { slaDays: { ...DEFAULT_PATCH_POLICY.slaDays, '1': { critical: 3, high: 7, medium: 14, low: 30 } }, maxExceptionDays: 30, freshnessDays: 3 } });
    const strictText = strict.map((note) => note.text).join('\n');
    expect(strictText).toContain('3 days for a critical fix');
    expect(strictText).toContain('at most 30 days');
    expect(strictText).toContain('succeeded within 3 days');
    expect(strictText).toContain('time zone, UTC');
  });

  it('states where SLA clocks start under the policy', () => {
    expect(text).toContain("The site's policy counts from publication.");
    expect(text).toContain('overdue at its first collection');
    expect(text).toContain('Breach time is counted only from the day the fix was first seen missing');
    const firstSeen = standardMethodology({ timezone: 'UTC', policy: { ...DEFAULT_PATCH_POLICY, fixAgeBasis: 'first_seen' } });
    expect(firstSeen.map((note) => note.text).join('\n')).toContain("The site's policy counts from first seen");
  });
});
