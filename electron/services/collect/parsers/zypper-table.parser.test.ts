import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZypperPatches } from './zypper-patches.parser';
import { parseZypperUpdates } from './zypper-updates.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function patches(name: string, exitCode = 0) {
  const r = parseZypperPatches({ stdout: fixture(name), exitCode });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function updates(name: string, exitCode = 0) {
  const r = parseZypperUpdates({ stdout: fixture(name), exitCode });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const byStatus = (rows: Array<{ status: string }>) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

describe('zypper-patches', () => {
  it('SLES 15: 116 rows, 80 needed of which 36 security', () => {
    const v = patches('osconfig_sles-15-1.zypper-list-patches.stdout', 101);
    expect(v.patches).toHaveLength(116);
    expect(byStatus(v.patches)).toEqual({ needed: 80, applied: 13, 'not needed': 18, optional: 3, retracted: 2 });
    expect(v.updates).toHaveLength(80);
    expect(v.updates.filter((u) => u.security)).toHaveLength(36);
    expect(v.updates.every((u) => u.kind === 'patch')).toBe(true);
    // The table has no date column (the name's year is not a date): these fixes count from first seen.
    expect(v.updates.every((u) => u.publishedAt === undefined && u.publishedBasis === undefined)).toBe(true);
  });

  it('never reads security from the summary', () => {
    const v = patches('osconfig_sles-15-1.zypper-list-patches.stdout');
    const p = v.patches.find((x) => x.name === 'SUSE-SLE-Module-Basesystem-15-SP5-2023-2236');
    expect(p).toMatchObject({ category: 'recommended', severity: 'critical', summary: 'Security update for python-looseversion' });
  });

  it('SLES 12: 63 rows, 15 needed of which 12 security', () => {
    const v = patches('osconfig_sles-12-1.zypper-list-patches.stdout', 101);
    expect(v.patches).toHaveLength(63);
    expect(byStatus(v.patches)).toEqual({ needed: 15, applied: 26, 'not needed': 22 });
    expect(v.updates).toHaveLength(15);
    expect(v.updates.filter((u) => u.security)).toHaveLength(12);
    expect(v.updates.find((u) => u.name === 'SUSE-SLE-SERVER-12-SP5-2023-4653')).toMatchObject({ security: true, severity: 'moderate', repository: 'SLES12-SP5-Updates' });
  });

  it('keeps a | inside the summary and finds columns by name when zypper adds Since', () => {
    const v = parseZypperPatches({
      stdout: [
        'Repository | Name   | Category | Severity  | Interactive | Status | Since      | Summary',
        '-----------+--------+----------+-----------+-------------+--------+------------+--------',
        'Updates    | P-1    | security | important | reboot      | needed | 2024-01-02 | Security update for a | b',
      ].join('\n'),
      exitCode: 101,
    });
    expect(v.ok && v.value.patches[0]).toMatchObject({ status: 'needed', summary: 'Security update for a | b', interactive: 'reboot' });
  });
});

describe('zypper-updates', () => {
  it('SLES 15 / 12: 117 / 21 package rows', () => {
    expect(updates('osconfig_sles-15-1.zypper-list-updates.stdout').updates).toHaveLength(117);
    const v = updates('osconfig_sles-12-1.zypper-list-updates.stdout');
    expect(v.updates).toHaveLength(21);
    expect(v.updates.find((u) => u.name === 'vim')).toEqual({
      name: 'vim',
      arch: 'x86_64',
      installedVersion: '9.0.1894-17.23.2',
      availableVersion: '9.0.2103-17.26.1',
      repository: 'SLES12-SP5-Updates',
      security: null,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
  });

  it('accepts "No updates found." and warns on exit 106', () => {
    expect(parseZypperUpdates({ stdout: 'No updates found.\n', exitCode: 0 })).toEqual({ ok: true, value: { updates: [], warnings: [] } });
    const r = parseZypperUpdates({ stdout: fixture('osconfig_sles-12-1.zypper-list-updates.stdout'), exitCode: 106 });
    expect(r.ok && r.value.warnings).toEqual([expect.stringContaining('106')]);
  });
});

describe('zypper exit codes and garbage', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 104, 105])('exit %i is an error for both tables', (code) => {
    expect(parseZypperUpdates({ stdout: '', exitCode: code }).ok).toBe(false);
    expect(parseZypperPatches({ stdout: fixture('osconfig_sles-12-1.zypper-list-patches.stdout'), exitCode: code }).ok).toBe(false);
  });

  it.each([0, 100, 101, 102, 103, 106])('exit %i keeps the output', (code) => {
    expect(parseZypperPatches({ stdout: fixture('osconfig_sles-12-1.zypper-list-patches.stdout'), exitCode: code }).ok).toBe(true);
  });

  it('rejects text without a table', () => {
    expect(parseZypperUpdates({ stdout: 'System management is locked by the application with pid 1234 (zypper).\n' }).ok).toBe(false);
    expect(parseZypperPatches({ stdout: '\u0000\u0001\u00ff' }).ok).toBe(false);
  });
});
