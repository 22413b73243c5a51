import { describe, expect, it } from 'vitest';
import { siteInstant, siteTime } from './site-time';

describe('siteTime', () => {
  it('shows an instant in the site zone', () => {
    expect(siteTime('2026-11-22T13:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-22 14:30');
    expect(siteTime('2026-07-01T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-07-02 01:30');
    expect(siteTime('2026-11-22T13:30:00.000Z', 'America/New_York')).toBe('2026-11-22 08:30');
  });

  it('names a local midnight as the end of the day before', () => {
    expect(siteTime('2026-11-25T23:00:00.000Z', 'Europe/Berlin')).toBe('end of 2026-11-25');
    expect(siteTime('2026-03-29T22:00:00.000Z', 'Europe/Berlin')).toBe('end of 2026-03-29');
  });

  it('leaves nothing as nothing', () => {
    expect(siteTime(null, 'UTC')).toBe('');
  });
});

describe('siteInstant', () => {
  it('keeps an event at local midnight on its own day', () => {
    expect(siteInstant('2026-11-25T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-26 00:00');
    expect(siteInstant('2026-11-22T13:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-22 14:30');
    expect(siteInstant(null, 'UTC')).toBe('');
  });
});
