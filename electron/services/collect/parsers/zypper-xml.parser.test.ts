import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZypperXml } from './zypper-xml.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string, exitCode = 0) {
  const r = parseZypperXml({ stdout, exitCode });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('zypper-xml', () => {
  it('list-updates (salt sample): 3 package updates', () => {
    const v = parsed(fixture('salt_zypper-xmlout-list-updates.xml'));
    expect(v.updates).toHaveLength(3);
    expect(v.updates[0]).toEqual({
      name: 'SUSEConnect',
      arch: 'x86_64',
      installedVersion: null,
      availableVersion: '0.2.33-7.1',
      repository: 'SLE12-SP1-x86_64-Update',
      security: null,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
    expect(v.warnings).toEqual([]);
  });

  it('search -t patch (salt sample): 3 patches, 2 not-installed, none promoted to updates', () => {
    const v = parsed(fixture('salt_zypper-xmlout-search-t-patch.xml'));
    expect(v.patches.map((p) => p.status)).toEqual(['not-installed', 'installed', 'not-installed']);
    expect(v.updates).toEqual([]);
    expect(v.warnings).toHaveLength(1);
  });

  it('list-patches (hand-made): needed patches with CVEs; category decides security', () => {
    const v = parsed(fixture('handmade_sles-15.zypper-xmlout-list-patches.xml'), 101);
    expect(v.patches).toHaveLength(3);
    expect(v.updates.map((u) => [u.name, u.security, u.severity, u.cves])).toEqual([
      ['SUSE-SLE-Module-Basesystem-15-SP5-2024-1001', true, 'important', ['CVE-2024-0727']],
      ['SUSE-SLE-Module-Basesystem-15-SP5-2024-1002', false, 'moderate', []],
    ]);
    expect(v.patches[2]?.cves).toEqual(['CVE-2023-6531', 'CVE-2023-6546']);
  });

  it('list-patches (hand-made): the issue-date time_t is the publication date; an unreadable one is dropped with a warning', () => {
    const v = parsed(fixture('handmade_sles-15.zypper-xmlout-list-patches.xml'), 101);
    expect(v.updates.map((u) => [u.name, u.publishedAt, u.publishedBasis])).toEqual([
      ['SUSE-SLE-Module-Basesystem-15-SP5-2024-1001', '2024-02-01T00:00:00.000Z', 'published'],
      ['SUSE-SLE-Module-Basesystem-15-SP5-2024-1002', '2024-02-02T00:00:00.000Z', 'published'],
    ]);
    const broken = fixture('handmade_sles-15.zypper-xmlout-list-patches.xml').replace('time_t="1706745600"', 'time_t="Feb 1st"');
    const b = parsed(broken, 101);
    expect(b.updates[0]).not.toHaveProperty('publishedAt');
    expect(b.updates[0]).not.toHaveProperty('publishedBasis');
    expect(b.warnings).toEqual(['patch SUSE-SLE-Module-Basesystem-15-SP5-2024-1001: unreadable issue-date "Feb 1st"; its SLA clock starts when first seen']);
  });

  it('real SLES samples print no patch dates: nothing is dated', () => {
    expect(parsed(fixture('salt_zypper-xmlout-list-updates.xml')).updates.every((u) => u.publishedAt === undefined)).toBe(true);
  });

  it('rejects error exits, error messages, entities and malformed XML', () => {
    expect(parseZypperXml({ stdout: fixture('salt_zypper-xmlout-list-updates.xml'), exitCode: 7 }).ok).toBe(false);
    expect(parseZypperXml({ stdout: '<?xml version="1.0"?><stream><message type="error">Repository \'x\' is invalid.</message></stream>' }).ok).toBe(false);
    expect(parseZypperXml({ stdout: '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]><stream>&a;</stream>' }).ok).toBe(false);
    expect(parseZypperXml({ stdout: '<stream><update-status><update-list><update name=' }).ok).toBe(false);
    expect(parseZypperXml({ stdout: 'not xml at all' }).ok).toBe(false);
    expect(parseZypperXml({ stdout: '<html><body>hi</body></html>' }).ok).toBe(false);
  });
});
