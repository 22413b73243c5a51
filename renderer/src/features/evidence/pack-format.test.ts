import { describe, expect, it } from 'vitest';
import { formatBytes, formatInstantIn, formatPeriod, formatShare, shortFingerprint, shortHash } from './pack-format';

describe('formatBytes', () => {
  it('writes bytes, kilobytes and megabytes of 1,024', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 B');
    expect(formatBytes(1023, 'en-US')).toBe('1023 B');
    expect(formatBytes(1024, 'en-US')).toBe('1.0 KB');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB');
    expect(formatBytes(38 * 1024 + 300, 'en-US')).toBe('38 KB');
    expect(formatBytes(512 * 1024, 'en-US')).toBe('512 KB');
    expect(formatBytes(2.4 * 1024 * 1024, 'en-US')).toBe('2.4 MB');
    expect(formatBytes(3 * 1024 ** 3, 'en-US')).toBe('3.0 GB');
  });

  it('never writes 1,024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 10, 'en-US')).toBe('1.0 MB');
    expect(formatBytes(9.97 * 1024, 'en-US')).toBe('10 KB');
  });

  it('shows a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('follows the locale for the decimal mark', () => {
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 KB');
  });
});

describe('short fingerprints and hashes', () => {
  it('keeps the prefix, the first eight and the last four characters', () => {
    expect(shortFingerprint('SHA256:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z9x8')).toBe('SHA256:q1w2e3r4…z9x8');
    expect(shortFingerprint('abcdefghijklmnopqrstuvwxyz')).toBe('abcdefgh…wxyz');
    expect(shortFingerprint('SHA256:short')).toBe('SHA256:short');
  });

  it('cuts a hex hash to twelve characters', () => {
    expect(shortHash('3f2a9c01b7de4455667788990011223344556677')).toBe('3f2a9c01b7de…');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('formatShare', () => {
  it('writes shares as the PDF and the dashboard do, without false 0% or 100%', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.873)).toBe('87.3%');
    expect(formatShare(0.9996)).toBe('>99.9%');
    expect(formatShare(1)).toBe('100.0%');
  });
});

describe('formatPeriod', () => {
  it('writes a range of site days compactly', () => {
    // ICU versions differ in the spaces around the dash (none, thin or plain).
    const spaced = (text: string) => text.replace(/\s*–\s*/g, ' – ');
    expect(spaced(formatPeriod('2026-10-01', '2026-10-31', 'en-GB'))).toBe('1 – 31 Oct 2026');
    expect(spaced(formatPeriod('2026-04-01', '2026-06-30', 'en-GB'))).toBe('1 Apr – 30 Jun 2026');
    expect(spaced(formatPeriod('2025-12-15', '2026-01-14', 'en-GB'))).toBe('15 Dec 2025 – 14 Jan 2026');
    expect(formatPeriod('2026-11-02', '2026-11-02', 'en-GB')).toBe('2 Nov 2026');
  });

  it('keeps text that is not a day as it is', () => {
    expect(formatPeriod('soon', '2026-11-02')).toBe('soon – 2026-11-02');
  });
});

describe('formatInstantIn', () => {
  it('writes an instant in the site time zone', () => {
    expect(formatInstantIn('2026-11-02T09:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-02 10:00');
    expect(formatInstantIn(null, 'UTC')).toBe('—');
    expect(formatInstantIn('2026-11-02T09:00:00.000Z', 'Not/AZone')).toBe('2026-11-02 09:00 UTC');
  });
});
