import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRpmAdvisories } from './apply-rpm-advisories';
import { parseDnfUpdateinfo } from './dnf-updateinfo.parser';
import { parseYumCheckUpdate } from './yum-check-update.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function entries(name: string) {
  const r = parseDnfUpdateinfo({ stdout: fixture(name), exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  expect(r.value.warnings).toEqual([]);
  return r.value.entries;
}

function rockyUpdates() {
  const r = parseYumCheckUpdate({ stdout: fixture('osconfig_rocky-8.yum-check-update.stdout'), exitCode: 100 });
  if (!r.ok) throw new Error(r.error);
  return r.value.updates;
}

describe('dnf-updateinfo', () => {
  it('reads advisory lines with severities, epochs and non-security types', () => {
    const e = entries('handmade_rocky-8.dnf-updateinfo-list-security.stdout');
    expect(e).toHaveLength(6);
    expect(e[0]).toEqual({ advisory: 'RLSA-2025:1001', cve: null, type: 'security', severity: 'Important', package: { name: 'curl', epoch: 0, version: '7.61.1', release: '34.el8_10.3', arch: 'x86_64' } });
    expect(e[4]?.package).toMatchObject({ name: 'NetworkManager', epoch: 1 });
    expect(e[5]).toMatchObject({ advisory: 'RLBA-2025:1005', type: 'bugfix' });
  });

  it('reads --with-cve lines and old yum lower-case labels', () => {
    expect(entries('handmade_rocky-8.dnf-updateinfo-list-security-with-cve.stdout').map((x) => [x.cve, x.advisory, x.package.name])).toEqual([
      ['CVE-2024-0001', null, 'curl'],
      ['CVE-2024-0002', null, 'curl'],
      ['CVE-2024-0001', null, 'libcurl'],
      ['CVE-2024-0003', null, 'glibc'],
    ]);
    const old = entries('handmade_centos-7.yum-updateinfo-list-security.stdout');
    expect(old.map((x) => [x.advisory, x.type, x.severity ?? null])).toEqual([
      ['CESA-2024:0001', 'security', 'Important'],
      ['CESA-2024:0002', 'security', 'Moderate'],
      ['CESA-2024:0003', 'security', null],
    ]);
  });

  it('accepts empty output as a valid (unknown) answer and rejects errors and garbage', () => {
    expect(parseDnfUpdateinfo({ stdout: '', exitCode: 0 })).toEqual({ ok: true, value: { entries: [], warnings: [] } });
    expect(parseDnfUpdateinfo({ stdout: '', stderr: 'Error: Unknown argument', exitCode: 1 }).ok).toBe(false);
    expect(parseDnfUpdateinfo({ stdout: 'this is not updateinfo at all\n' }).ok).toBe(false);
  });
});

describe('applyRpmAdvisories', () => {
  it('marks matching Rocky 8 updates with advisories, CVEs and the highest severity', () => {
    const marked = applyRpmAdvisories(
      applyRpmAdvisories(rockyUpdates(), entries('handmade_rocky-8.dnf-updateinfo-list-security.stdout')),
      entries('handmade_rocky-8.dnf-updateinfo-list-security-with-cve.stdout'),
    );
    expect(marked).toHaveLength(184);
    expect(marked.filter((u) => u.security === true).map((u) => u.name).sort()).toEqual(['NetworkManager', 'curl', 'glibc', 'libcurl']);
    expect(marked.find((u) => u.name === 'glibc')).toMatchObject({ advisories: ['RLSA-2025:1002', 'RLSA-2025:1003'], cves: ['CVE-2024-0003'], severity: 'Critical' });
    expect(marked.find((u) => u.name === 'curl')?.cves).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(marked.find((u) => u.name === 'sudo')?.security).toBeNull();
  });

  it('sets the rest to false only when the advisory list is declared complete', () => {
    const marked = applyRpmAdvisories(rockyUpdates(), entries('handmade_rocky-8.dnf-updateinfo-list-security.stdout'), true);
    expect(marked.filter((u) => u.security === false)).toHaveLength(180);
  });
});
