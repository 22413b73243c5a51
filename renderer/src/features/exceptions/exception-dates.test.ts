import { describe, expect, it } from 'vitest';
import { addDays, dayOf, distanceText, expiryPhrase, formatDay, isDay, isStartOfLocalDay, lastCoveredDay, maxExpiryDay, parseDay, relativeExpiry, todayIn } from './exception-dates';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const DAY = 86_400_000;

describe('days', () => {
  it('reads only days that exist', () => {
    expect(parseDay('2026-11-30')).toEqual({ year: 2026, month: 11, day: 30 });
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('30/11/2026')).toBeNull();
    expect(isDay('')).toBe(false);
  });

  it('takes today in the site time zone', () => {
    expect(todayIn('UTC', NOW)).toBe('2026-11-02');
    // 09:00 UTC is already the next day in Auckland (+13 in November).
    expect(todayIn('Pacific/Auckland', Date.parse('2026-11-02T12:00:00Z'))).toBe('2026-11-03');
    expect(todayIn('America/Los_Angeles', Date.parse('2026-11-02T05:00:00Z'))).toBe('2026-11-01');
  });

  it('reads the local day of an instant', () => {
    expect(dayOf('2026-11-07T23:30:00.000Z', 'UTC')).toBe('2026-11-07');
    expect(dayOf('2026-11-07T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-08');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-11-02', 89)).toBe('2027-01-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });

  it('counts the start day as the first day of the policy maximum', () => {
    expect(maxExpiryDay('2026-11-02', 90)).toBe('2027-01-30');
    expect(maxExpiryDay('2026-11-02', 1)).toBe('2026-11-02');
  });

  it('shows an expiry at local midnight as the day before', () => {
    expect(lastCoveredDay('2026-11-08T00:00:00.000Z', 'UTC')).toBe('2026-11-07');
    expect(lastCoveredDay('2026-11-07T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-07');
    expect(lastCoveredDay('2026-11-07T15:30:00.000Z', 'UTC')).toBe('2026-11-07');
    expect(isStartOfLocalDay('2026-11-07T23:00:00.000Z', 'Europe/Berlin')).toBe(true);
    expect(isStartOfLocalDay('2026-11-07T15:30:00.000Z', 'UTC')).toBe(false);
  });

  it('formats a day without shifting it by the browser zone', () => {
    expect(formatDay('2026-11-07')).toBe('7 November 2026');
    expect(formatDay('garbage')).toBe('garbage');
  });
});

describe('relative expiry', () => {
  it('says how long is left, in days, hours or less', () => {
    expect(relativeExpiry(new Date(NOW + 5 * DAY + 15 * 3_600_000).toISOString(), NOW)).toBe('in 5 days');
    expect(relativeExpiry(new Date(NOW + DAY).toISOString(), NOW)).toBe('in 1 day');
    expect(relativeExpiry(new Date(NOW + 3 * 3_600_000).toISOString(), NOW)).toBe('in 3 hours');
    expect(relativeExpiry(new Date(NOW + 60_000).toISOString(), NOW)).toBe('in under an hour');
  });

  it('says how long ago it expired', () => {
    expect(relativeExpiry(new Date(NOW - 3 * DAY - 1).toISOString(), NOW)).toBe('expired 3 days ago');
    expect(relativeExpiry(new Date(NOW - 3_600_000).toISOString(), NOW)).toBe('expired 1 hour ago');
    expect(relativeExpiry(new Date(NOW).toISOString(), NOW)).toBe('expired just now');
  });

  it('uses whole units', () => {
    expect(distanceText(NOW + 2 * DAY - 1, NOW)).toBe('1 day');
    expect(distanceText(NOW - 23 * 3_600_000, NOW)).toBe('23 hours');
  });
});

describe('expiryPhrase', () => {
  const base = { startsAt: '2026-10-01T00:00:00.000Z', expiresAt: '2026-11-07T00:00:00.000Z', closedAt: null };

  it('follows the status', () => {
    expect(expiryPhrase({ ...base, status: 'expiring_soon' }, NOW)).toBe('in 4 days');
    expect(expiryPhrase({ ...base, status: 'expired', expiresAt: '2026-10-30T09:00:00.000Z' }, NOW)).toBe('expired 3 days ago');
    expect(expiryPhrase({ ...base, status: 'scheduled', startsAt: '2026-11-05T09:00:00.000Z' }, NOW)).toBe('starts in 3 days');
    expect(expiryPhrase({ ...base, status: 'closed', closedAt: '2026-11-01T09:00:00.000Z' }, NOW)).toBe('closed 1 day ago');
    expect(expiryPhrase({ ...base, status: 'closed', closedAt: '2026-11-02T08:59:00.000Z' }, NOW)).toBe('closed just now');
    expect(expiryPhrase({ ...base, status: 'renewed' }, NOW)).toBe('renewed');
  });
});
