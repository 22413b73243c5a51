import { describe, expect, it } from 'vitest';
import { mapAssetCves, type AffectedRecord, type MappingInstalled, type MappingPending } from './package-mapping';

// The bullseye records of the Debian security tracker sample (samples/debian/debian-security-tracker-json_sample.json).
const TRACKER: AffectedRecord[] = [
  { source: 'debian-tracker', feedId: 7, package: '389-ds-base', cveId: 'CVE-2012-0833', advisoryId: null, status: 'fixed', fixedVersion: '0', urgency: 'unimportant' },
  { source: 'debian-tracker', feedId: 7, package: '389-ds-base', cveId: 'CVE-2016-5405', advisoryId: null, status: 'fixed', fixedVersion: '1.3.5.15-1', urgency: 'not yet assigned' },
  { source: 'debian-tracker', feedId: 7, package: '389-ds-base', cveId: 'CVE-2016-5416', advisoryId: null, status: 'open', fixedVersion: null, urgency: 'not yet assigned' },
  { source: 'debian-tracker', feedId: 7, package: 'wordpress', cveId: 'TEMP-0000000-0CA7E3', advisoryId: null, status: 'fixed', fixedVersion: '0', urgency: 'unimportant' },
];
const affectedFor = (pkg: string) => TRACKER.filter((r) => r.package === pkg);
const ds = (version: string): MappingInstalled => ({ name: '389-ds-base-libs', arch: 'amd64', version: `${version}+b1`, sourceName: '389-ds-base', sourceVersion: version });

describe('mapAssetCves', () => {
  it('reads the tracker: fixed below the installed version is not a link, open is "no fix yet"', () => {
    const links = mapAssetCves('dpkg', [ds('1.4.4.11-2')], [], affectedFor);
    expect(links.map((l) => [l.kind, l.cve, l.package, l.sourcePackage, l.source, l.feedId])).toEqual([['no_fix', 'CVE-2016-5416', '389-ds-base-libs', '389-ds-base', 'debian-tracker', 7]]);
  });

  it('links a vulnerable package to the pending update that reaches the fixed version, else says the fix is not offered', () => {
    const update: MappingPending = { id: 41, name: '389-ds-base-libs', arch: 'amd64', installedVersion: '1.3.5.10-1+b1', availableVersion: '1.3.5.15-1+b1', cves: [], advisories: [] };
    const fixed = mapAssetCves('dpkg', [ds('1.3.5.10-1')], [update], affectedFor).find((l) => l.cve === 'CVE-2016-5405');
    expect(fixed).toMatchObject({ kind: 'fixes', pendingUpdateId: 41, fixedVersion: '1.3.5.15-1', installedVersion: '1.3.5.10-1+b1' });
    const tooOld = mapAssetCves('dpkg', [ds('1.3.5.10-1')], [{ ...update, availableVersion: '1.3.5.12-1' }], affectedFor).find((l) => l.cve === 'CVE-2016-5405');
    expect(tooOld).toMatchObject({ kind: 'carries', pendingUpdateId: null });
  });

  it("takes the package manager's own CVE lists first, and them alone without a distribution feed", () => {
    const update: MappingPending = { id: 9, name: 'openssl-libs', arch: 'x86_64', installedVersion: '1:3.0.7-24.el9', availableVersion: '1:3.0.7-25.el9_3', cves: ['cve-2023-5678', 'not-a-cve'], advisories: ['RHSA-2024:0310'] };
    expect(mapAssetCves('rpm', [], [update], null)).toEqual([
      { kind: 'fixes', cve: 'CVE-2023-5678', advisoryId: 'RHSA-2024:0310', package: 'openssl-libs', sourcePackage: '', installedVersion: '1:3.0.7-24.el9', fixedVersion: '1:3.0.7-25.el9_3', pendingUpdateId: 9, source: 'package_manager', feedId: null },
    ]);
  });

  it('skips unimportant open issues and TEMP ids', () => {
    const records: AffectedRecord[] = [{ ...TRACKER[2]!, urgency: 'unimportant' }, { ...TRACKER[2]!, cveId: 'TEMP-0000000-0CA7E3' }];
    expect(mapAssetCves('dpkg', [ds('1.4.4.11-2')], [], () => records)).toEqual([]);
  });
});
