import { describe, expect, it } from 'vitest';
import { buildWindowsRequest, draftFromWindows, durationOf, durationText, endText, newWindow, nextOccurrence, toggleWeekday, weekdaysText, windowProblems, windowsDirty } from './windows-model';

const stored = [{ ring: 'pilot' as const, label: 'Pilot night', weekdays: ['sat' as const, 'wed' as const], start: '22:00', durationMinutes: 270 }];

describe('maintenance windows editor', () => {
  it('round-trips stored windows', () => {
    const drafts = draftFromWindows(stored);
    expect(drafts[0]).toMatchObject({ ring: 'pilot', weekdays: ['wed', 'sat'], hours: '4', minutes: '30' });
    expect(windowsDirty(drafts, stored)).toBe(false);
    expect(buildWindowsRequest(5, drafts)).toEqual({ siteId: 5, windows: [{ ring: 'pilot', label: 'Pilot night', weekdays: ['wed', 'sat'], start: '22:00', durationMinutes: 270 }] });
    expect(windowsDirty([...drafts, newWindow()], stored)).toBe(true);
  });

  it('toggles weekdays and keeps them in order', () => {
    expect(toggleWeekday(['sat'], 'mon')).toEqual(['mon', 'sat']);
    expect(toggleWeekday(['mon', 'sat'], 'mon')).toEqual(['sat']);
  });

  it('flags rows that cannot be saved', () => {
    const bad = { ...newWindow(), weekdays: [], start: '24:00', hours: '0', minutes: '0' };
    expect(windowProblems(bad)).toEqual({ weekdays: 'Pick at least one weekday.', start: 'A time as HH:MM (24-hour).', duration: 'At least 1 minute.' });
    expect(windowProblems({ ...newWindow(), hours: '169' }).duration).toBe('At most 7 days.');
    expect(windowProblems({ ...newWindow(), minutes: '75' }).duration).toMatch(/0-59/);
    expect(buildWindowsRequest(5, [bad])).toBeNull();
    expect(durationOf({ hours: '', minutes: '45' })).toBe(45);
  });

  it('describes lengths, ends and days', () => {
    expect(durationText(240)).toBe('4 h');
    expect(durationText(90)).toBe('1 h 30 min');
    expect(durationText(45)).toBe('45 min');
    expect(durationText(3120)).toBe('2 d 4 h');
    expect(endText('22:00', 240)).toBe('02:00 next day');
    expect(endText('01:00', 330)).toBe('06:30');
    expect(endText('22:00', 2880)).toBe('22:00 + 2 days');
    expect(weekdaysText(['sat', 'sun'])).toBe('Weekends');
    expect(weekdaysText(['fri', 'mon', 'tue', 'wed', 'thu'])).toBe('Weekdays');
    expect(weekdaysText(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])).toBe('Every day');
    expect(weekdaysText(['thu', 'tue'])).toBe('Tue, Thu');
  });

  it('finds the next occurrence in the site’s time zone', () => {
    // Sunday 22 Nov 2026, 10:00 in Berlin; Saturday 22:00 Berlin is 21:00 UTC.
    const now = Date.parse('2026-11-22T09:00:00Z');
    const next = nextOccurrence(newWindow(), now, 'Europe/Berlin');
    expect(next && new Date(next.from).toISOString()).toBe('2026-11-28T21:00:00.000Z');
    expect(next && new Date(next.to).toISOString()).toBe('2026-11-29T01:00:00.000Z');
    expect(nextOccurrence({ ...newWindow(), weekdays: [] }, now, 'Europe/Berlin')).toBeNull();
  });
});
