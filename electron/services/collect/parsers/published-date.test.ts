import { describe, expect, it } from 'vitest';
import { readEpochSeconds, readPowerShellDate, readReleaseDate, readUpdateinfoDate } from './published-date';

describe('publication date readers', () => {
  it('read updateinfo dates as UTC days', () => {
    expect(readUpdateinfoDate('2023-01-24 00:00:00')).toBe('2023-01-24T00:00:00.000Z');
    expect(readUpdateinfoDate('2023-01-24')).toBe('2023-01-24T00:00:00.000Z');
    expect(readUpdateinfoDate(' 2023-01-24 13:05 ')).toBe('2023-01-24T13:05:00.000Z');
  });

  it('read apt Release dates with named and numeric zones', () => {
    expect(readReleaseDate('Sat, 15 Jun 2024 10:02:46 UTC')).toBe('2024-06-15T10:02:46.000Z');
    expect(readReleaseDate('Wed, 26 Mar 2025 01:05:00 +0100')).toBe('2025-03-26T00:05:00.000Z');
    expect(readReleaseDate('5 Jan 2025 00:00:00 GMT')).toBe('2025-01-05T00:00:00.000Z');
  });

  it('read zypper time_t and PowerShell dates', () => {
    expect(readEpochSeconds('1706745600')).toBe('2024-02-01T00:00:00.000Z');
    expect(readPowerShellDate('2024-06-11T17:00:00Z')).toBe('2024-06-11T17:00:00.000Z');
    expect(readPowerShellDate('2024-06-11T19:00:00.1234567+02:00')).toBe('2024-06-11T17:00:00.000Z');
    expect(readPowerShellDate('/Date(1718125200000)/')).toBe('2024-06-11T17:00:00.000Z');
    expect(readPowerShellDate({ value: '/Date(1718125200000)/', DateTime: 'Tuesday, 11 June 2024 17:00:00' })).toBe('2024-06-11T17:00:00.000Z');
  });

  it('fail closed: an unreadable, impossible or broken date is null, never now', () => {
    for (const text of ['', 'yesterday', '2023-02-30', '2023-13-01 00:00:00', '24/01/2023', '2023-01-24 25:00:00']) expect(readUpdateinfoDate(text)).toBeNull();
    for (const text of ['2025-03-25', 'Sat, 15 Foo 2024 10:02:46 UTC', 'Sat, 31 Feb 2024 10:02:46 UTC', 'Sat, 15 Jun 2024 10:02:46 CEST']) expect(readReleaseDate(text)).toBeNull();
    for (const text of ['0', '-5', 'abc', '1.5e9']) expect(readEpochSeconds(text)).toBeNull();
    for (const value of [null, 42, '2024-06-11T17:00:00', '11.06.2024 17:00:00', '/Date(0)/', { DateTime: 'x' }]) expect(readPowerShellDate(value)).toBeNull();
  });
});
