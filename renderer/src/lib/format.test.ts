import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './format';

describe('formatRelative', () => {
  const now = Date.parse('2026-11-22T12:00:00.000Z');
  it('reads coarsely', () => {
    expect(formatRelative(null, 'UTC', now)).toBe('never');
    expect(formatRelative('2026-11-22T11:59:40.000Z', 'UTC', now)).toBe('just now');
    expect(formatRelative('2026-11-22T11:55:00.000Z', 'UTC', now)).toBe('5 min ago');
    expect(formatRelative('2026-11-22T09:00:00.000Z', 'UTC', now)).toBe('3 h ago');
    expect(formatRelative('2026-11-10T12:00:00.000Z', 'UTC', now)).toBe('12 d ago');
  });
});

describe('formatDuration', () => {
  it('pads minutes and seconds', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});
