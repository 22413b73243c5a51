import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../cycles/maintenance-window';
import { hostSlot } from './window-slot';

const zone = 'Europe/Berlin';
// Tuesdays 22:00-02:00 Berlin time (UTC+1 in December).
const tuesdayNights: MaintenanceWindow = { ring: null, weekdays: ['tue'], start: '22:00', durationMinutes: 240 };
const at = (iso: string) => Date.parse(iso);
const options = { estimatedMinutes: 20, closingBufferMinutes: 30 };

describe('hostSlot', () => {
  it('starts now inside a window with room left before its closing buffer', () => {
    expect(hostSlot([tuesdayNights], 'pilot', at('2026-12-08T21:30:00Z'), zone, options)).toEqual({ start: 'now', windowClosesAtMs: at('2026-12-09T01:00:00Z') });
  });

  it('starts nobody new inside the closing buffer: the next window instead', () => {
    expect(hostSlot([tuesdayNights], 'pilot', at('2026-12-09T00:20:00Z'), zone, options)).toEqual({ start: 'later', atMs: at('2026-12-15T21:00:00Z'), windowClosesAtMs: at('2026-12-16T01:00:00Z') });
  });

  it('waits for the next window outside one, and never fits work longer than the window', () => {
    expect(hostSlot([tuesdayNights], 'broad', at('2026-12-07T12:00:00Z'), zone, options)).toMatchObject({ start: 'later', atMs: at('2026-12-08T21:00:00Z') });
    expect(hostSlot([tuesdayNights], 'broad', at('2026-12-07T12:00:00Z'), zone, { estimatedMinutes: 230, closingBufferMinutes: 30 })).toMatchObject({ start: 'never' });
  });

  it('uses the ring\'s own window over the site\'s, and has no restriction without any', () => {
    const testRingDaytime: MaintenanceWindow = { ring: 'test', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', durationMinutes: 480 };
    expect(hostSlot([tuesdayNights, testRingDaytime], 'test', at('2026-12-07T12:00:00Z'), zone, options)).toEqual({ start: 'now', windowClosesAtMs: at('2026-12-07T16:00:00Z') });
    expect(hostSlot([], 'broad', at('2026-12-07T12:00:00Z'), zone, options)).toEqual({ start: 'now', windowClosesAtMs: null });
  });
});
