import { describe, expect, it } from 'vitest';
import { filterInstalled, formatAgeDays, sortPending, type InstalledRow, type PendingRow } from './pending-updates-model';

const pending = (name: string, security: boolean | null, ageDays: number): PendingRow => ({
  name,
  installedVersion: '1',
  availableVersion: '2',
  repository: 'main',
  security,
  cves: [],
  advisories: [],
  kind: 'upgrade',
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  ageDays,
});

describe('sortPending', () => {
  it('lists security fixes first, oldest first, then unknown, then plain updates', () => {
    const rows = [pending('a', false, 90), pending('b', true, 3), pending('c', null, 1), pending('d', true, 30)];
    expect(sortPending(rows).map((r) => r.name)).toEqual(['d', 'b', 'c', 'a']);
  });
});

describe('filterInstalled', () => {
  it('searches name, version and source package', () => {
    const rows: InstalledRow[] = [
      { name: 'openssl', version: '3.0.11', arch: 'amd64', status: 'ii' },
      { name: 'libssl3', version: '3.0.11', arch: 'amd64', sourceName: 'openssl', status: 'ii' },
      { name: 'bash', version: '5.2', arch: 'amd64', status: 'ii' },
    ];
    expect(filterInstalled(rows, 'OPENSSL').map((r) => r.name)).toEqual(['libssl3', 'openssl']);
    expect(filterInstalled(rows, '')).toHaveLength(3);
  });
});

describe('formatAgeDays', () => {
  it('says today for the first day and whole days after', () => {
    expect(formatAgeDays(0.4)).toBe('today');
    expect(formatAgeDays(12.9)).toBe('12 d');
    expect(formatAgeDays(null)).toBe('—');
  });
});
