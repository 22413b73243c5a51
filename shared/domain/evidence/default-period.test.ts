import { describe, expect, it } from 'vitest';
import { parseInstant } from '../sla/local-time';
import { defaultEvidencePeriod } from './default-period';

const at = (iso: string): number => parseInstant(iso);

describe('defaultEvidencePeriod', () => {
  it('is the last whole month for a site that existed all of it', () => {
    expect(defaultEvidencePeriod(at('2026-12-07T10:00:00Z'), at('2026-01-15T10:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(defaultEvidencePeriod(at('2026-03-02T10:00:00Z'), at('2026-02-01T00:00:00Z'), 'UTC')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('crosses the year in January', () => {
    expect(defaultEvidencePeriod(at('2027-01-03T10:00:00Z'), at('2025-05-01T00:00:00Z'), 'UTC')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('is the month so far for a site younger than the last whole month', () => {
    expect(defaultEvidencePeriod(at('2026-12-07T10:00:00Z'), at('2026-11-20T10:00:00Z'), 'UTC')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(defaultEvidencePeriod(at('2026-12-07T10:00:00Z'), at('2026-12-07T09:00:00Z'), 'UTC')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
  });

  it('counts days in the site zone, not UTC', () => {
    // 23:30 UTC on 30 November is already 1 December in Berlin: the month so far is one day.
    expect(defaultEvidencePeriod(at('2026-11-30T23:30:00Z'), at('2026-11-30T23:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    // Created on 1 November local time (31 October UTC): it existed for all of November.
    expect(defaultEvidencePeriod(at('2026-12-07T10:00:00Z'), at('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
});
