import { describe, expect, it } from 'vitest';
import { localTimeToInstant, nextWindow, nextWindowForRing, windowsForRing, type MaintenanceWindow } from './maintenance-window';

const iso = (occurrence: { from: number; to: number } | null) => occurrence && { from: new Date(occurrence.from).toISOString(), to: new Date(occurrence.to).toISOString() };
const at = (value: string) => Date.parse(value);
const window = (extra: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({ ring: null, weekdays: ['sat'], start: '22:00', durationMinutes: 240, ...extra });

describe('maintenance windows', () => {
  it('maps local times to instants, moving a start in the spring gap forward and taking the first of a repeated hour', () => {
    expect(new Date(localTimeToInstant({ year: 2026, month: 3, day: 29 }, '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(localTimeToInstant({ year: 2026, month: 10, day: 25 }, '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(localTimeToInstant({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(localTimeToInstant({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(() => localTimeToInstant({ year: 2026, month: 1, day: 1 }, '24:00', 'UTC')).toThrow(/not a time/);
  });

  it('finds the next window, or the one in progress', () => {
    const saturdayNight = window();
    expect(iso(nextWindow(saturdayNight, at('2026-11-02T09:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-11-07T21:00:00.000Z', to: '2026-11-08T01:00:00.000Z' });
    expect(iso(nextWindow(saturdayNight, at('2026-11-07T23:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-11-07T21:00:00.000Z', to: '2026-11-08T01:00:00.000Z' });
    expect(iso(nextWindow(saturdayNight, at('2026-11-08T01:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-11-14T21:00:00.000Z', to: '2026-11-15T01:00:00.000Z' });
    expect(nextWindow(window({ weekdays: [] }), 0, 'UTC')).toBeNull();
  });

  it('keeps the wall-clock start across DST changes, with a real-time duration', () => {
    const early = window({ weekdays: ['sun'], start: '02:00', durationMinutes: 120 });
    expect(iso(nextWindow(early, at('2026-03-28T12:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-03-29T01:00:00.000Z', to: '2026-03-29T03:00:00.000Z' });
    expect(iso(nextWindow(early, at('2026-04-01T12:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-04-05T00:00:00.000Z', to: '2026-04-05T02:00:00.000Z' });
    expect(iso(nextWindow(early, at('2026-10-24T12:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-10-25T00:00:00.000Z', to: '2026-10-25T02:00:00.000Z' });
    const evening = window({ weekdays: ['sat'], start: '23:00', durationMinutes: 300 });
    expect(iso(nextWindow(evening, at('2026-10-30T12:00:00Z'), 'America/New_York'))).toEqual({ from: '2026-11-01T03:00:00.000Z', to: '2026-11-01T08:00:00.000Z' });
    expect(iso(nextWindow(evening, at('2026-11-02T12:00:00Z'), 'America/New_York'))).toEqual({ from: '2026-11-08T04:00:00.000Z', to: '2026-11-08T09:00:00.000Z' });
  });

  it('crosses the year end and catches a long window started days ago', () => {
    const weekend = window({ weekdays: ['fri'], start: '18:00', durationMinutes: 3 * 24 * 60 });
    expect(iso(nextWindow(weekend, at('2027-01-03T12:00:00Z'), 'UTC'))).toEqual({ from: '2027-01-01T18:00:00.000Z', to: '2027-01-04T18:00:00.000Z' });
    expect(iso(nextWindow(window({ weekdays: ['mon', 'thu'], start: '06:00', durationMinutes: 60 }), at('2026-12-31T12:00:00Z'), 'UTC'))).toEqual({ from: '2027-01-04T06:00:00.000Z', to: '2027-01-04T07:00:00.000Z' });
  });

  it('uses a ring its own windows, else the site-wide ones', () => {
    const windows = [window(), window({ ring: 'test', weekdays: ['wed'], start: '12:00', durationMinutes: 60 })];
    expect(windowsForRing(windows, 'test')).toEqual([windows[1]]);
    expect(windowsForRing(windows, 'broad')).toEqual([windows[0]]);
    expect(iso(nextWindowForRing(windows, 'test', at('2026-11-02T09:00:00Z'), 'Europe/Berlin'))).toEqual({ from: '2026-11-04T11:00:00.000Z', to: '2026-11-04T12:00:00.000Z' });
    expect(nextWindowForRing([], 'pilot', 0, 'UTC')).toBeNull();
  });
});
