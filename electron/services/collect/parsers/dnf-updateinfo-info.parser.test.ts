import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRpmAdvisories, applyRpmPublication } from './apply-rpm-advisories';
import { parseDnfUpdateinfoInfo } from './dnf-updateinfo-info.parser';
import { parseDnfUpdateinfo } from './dnf-updateinfo.parser';
import { parseYumCheckUpdate } from './yum-check-update.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function dates(name: string): Map<string, string> {
  const r = parseDnfUpdateinfoInfo({ stdout: fixture(name), exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value.dates;
}

describe('dnf-updateinfo-info', () => {
  it('reads dnf 4 Updated dates, ignoring description lines that look like fields', () => {
    expect(Object.fromEntries(dates('handmade_rocky-8.dnf-updateinfo-info.stdout'))).toEqual({
      'RLSA-2025:1001': '2025-01-14T00:00:00.000Z',
      'RLSA-2025:1002': '2025-02-03T00:00:00.000Z',
      'RLSA-2025:1003': '2025-02-20T00:00:00.000Z',
      'RLSA-2025:1004': '2025-03-01T00:00:00.000Z',
      'RLBA-2025:1005': '2025-03-05T00:00:00.000Z',
    });
  });

  it('prefers yum 3 Issued over a later Updated', () => {
    expect(Object.fromEntries(dates('handmade_centos-7.yum-updateinfo-info.stdout'))).toEqual({ 'CESA-2024:0001': '2024-01-09T00:00:00.000Z' });
  });

  it('fails closed on an unreadable date and on a failed command', () => {
    const bad = parseDnfUpdateinfoInfo({ stdout: '  Update ID: RHSA-2024:1\n    Updated: 24/01/2024\n', exitCode: 0 });
    expect(bad).toEqual({ ok: false, error: 'advisory RHSA-2024:1 has an unreadable date "24/01/2024"' });
    expect(parseDnfUpdateinfoInfo({ stdout: '', stderr: 'Error: Cache-only enabled but no cache', exitCode: 1 }).ok).toBe(false);
    expect(parseDnfUpdateinfoInfo({ stdout: '', exitCode: 0 })).toEqual({ ok: true, value: { dates: new Map() } });
  });

  it('dates the real Rocky 8 check-update rows by the earliest advisory they would apply', () => {
    const updates = parseYumCheckUpdate({ stdout: fixture('osconfig_rocky-8.yum-check-update.stdout'), exitCode: 100 });
    const list = parseDnfUpdateinfo({ stdout: fixture('handmade_rocky-8.dnf-updateinfo-list-security.stdout'), exitCode: 0 });
    if (!updates.ok || !list.ok) throw new Error('fixtures unreadable');
    const dated = applyRpmPublication(applyRpmAdvisories(updates.value.updates, list.value.entries), list.value.entries, dates('handmade_rocky-8.dnf-updateinfo-info.stdout'));
    const byName = (name: string) => dated.find((u) => u.name === name);
    expect(byName('curl')).toMatchObject({ security: true, publishedAt: '2025-01-14T00:00:00.000Z', publishedBasis: 'published' });
    // Two security advisories for the same glibc build: the earlier one dates the fix.
    expect(byName('glibc')).toMatchObject({ publishedAt: '2025-02-03T00:00:00.000Z', publishedBasis: 'published' });
    const undated = dated.filter((u) => u.publishedAt === undefined);
    expect(undated.length).toBeGreaterThan(150);
    expect(undated.every((u) => u.publishedBasis === undefined)).toBe(true);
  });

  it('ignores advisories for versions above the candidate or at or below the installed one', () => {
    const entries = [
      { advisory: 'A-1', cve: null, type: 'security' as const, package: { name: 'p', epoch: 0, version: '1.0', release: '2', arch: 'x86_64' } },
      { advisory: 'A-2', cve: null, type: 'security' as const, package: { name: 'p', epoch: 0, version: '1.0', release: '3', arch: 'x86_64' } },
      { advisory: 'A-3', cve: null, type: 'security' as const, package: { name: 'p', epoch: 0, version: '1.0', release: '9', arch: 'x86_64' } },
    ];
    const known = new Map([
      ['A-1', '2024-01-01T00:00:00.000Z'],
      ['A-2', '2024-02-01T00:00:00.000Z'],
      ['A-3', '2023-01-01T00:00:00.000Z'],
    ]);
    const [u] = applyRpmPublication([{ name: 'p', arch: 'x86_64', installedVersion: '1.0-2', availableVersion: '1.0-3', repository: 'r', security: true, cves: [], advisories: [], kind: 'upgrade' }], entries, known);
    expect(u).toMatchObject({ publishedAt: '2024-02-01T00:00:00.000Z' });
  });
});
