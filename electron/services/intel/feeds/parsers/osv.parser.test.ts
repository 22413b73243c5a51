import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distributionOf, parseOsv } from './osv.parser';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;

describe('parseOsv', () => {
  it('reads the five real records: id (not the file name), CVEs from related, packages by distribution and release', () => {
    const debian = parseOsv(fixture('osv_debian_DLA-0010-1.json'), 'DLA-0010-1.json').advisory;
    expect(debian).toMatchObject({ advisoryId: 'DLA-0001-1', distribution: 'debian', cveIds: ['CVE-2014-3466'], published: '2014-06-02T00:00:00.000Z', severityVector: null });
    expect(debian.affected).toEqual([{ source: 'osv', distribution: 'debian', release: 'squeeze', ecosystem: 'Debian:6.0', package: 'gnutls26', vulnId: null, advisoryId: 'DLA-0001-1', status: 'fixed', fixedVersion: '2.8.6-1+squeeze4', urgency: null, note: null }]);
    const alma = parseOsv(fixture('osv_alma_ALSA-2023_7465.json'), 'alma.json').advisory;
    expect(alma.affected.map((row) => [row.distribution, row.release, row.package, row.fixedVersion])).toEqual([['almalinux', '9', 'squid', '7:5.5-6.el9_3.2']]);
    const rocky = parseOsv(fixture('osv_rocky_RLSA-2023_0005.json'), 'rocky.json').advisory;
    expect(rocky).toMatchObject({ advisoryId: 'RLSA-2023:0005', cveIds: ['CVE-2022-42920'], severityVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(rocky.affected[0]).toMatchObject({ distribution: 'rocky', release: '9', package: 'bcel', fixedVersion: '0:6.4.1-9.el9_1' });
    const redhat = parseOsv(fixture('osv_redhat_RHSA-2024_8709.json'), 'rh.json').advisory;
    expect(redhat.affected[0]).toMatchObject({ distribution: 'redhat', release: 'rhel_eus:9.2::appstream', package: 'podman', fixedVersion: '2:4.4.1-21.el9_2' });
    expect(redhat.affected.map((row) => row.package)).toContain('podman-debuginfo');
    const ubuntu = parseOsv(fixture('osv_ubuntu_USN-7095-1.json'), 'usn.json').advisory;
    expect(ubuntu.cveIds).toHaveLength(new Set(ubuntu.cveIds).size);
    expect(ubuntu.cveIds).toContain('CVE-2024-45001');
    expect(ubuntu.cveIds.some((id) => id.startsWith('UBUNTU'))).toBe(false);
    expect(ubuntu.affected.map((row) => [row.release, row.package, row.fixedVersion])).toEqual([
      ['jammy', 'linux-nvidia-6.8', '6.8.0-1017.19~22.04.1'],
      ['noble', 'linux-nvidia', '6.8.0-1017.19'],
      ['noble', 'linux-nvidia-lowlatency', '6.8.0-1017.19.1'],
    ]);
  });

  it('maps ecosystems to distributions and releases', () => {
    expect(distributionOf('Debian:12', null)).toEqual({ distribution: 'debian', release: 'bookworm' });
    expect(distributionOf('Debian:11', null)).toEqual({ distribution: 'debian', release: 'bullseye' });
    expect(distributionOf('Ubuntu:20.04:LTS', null)).toEqual({ distribution: 'ubuntu', release: 'focal' });
    expect(distributionOf('Ubuntu:Pro:18.04:LTS', null)).toEqual({ distribution: 'ubuntu', release: 'bionic' });
    expect(distributionOf('npm', null)).toBeNull();
  });

  it('names no-fix-yet rows open, skips withdrawn packages and foreign ecosystems, refuses foreign records', () => {
    const base = { id: 'DEBIAN-CVE-2024-1234', upstream: ['CVE-2024-1234'], modified: '2024-05-01T00:00:00Z' };
    const open = parseOsv({ ...base, affected: [{ package: { name: 'xz-utils', ecosystem: 'Debian:12' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }, { package: { name: 'left-pad', ecosystem: 'npm' } }] }, 'o.json');
    expect(open.advisory.affected).toMatchObject([{ status: 'open', fixedVersion: null, release: 'bookworm' }]);
    expect(open.advisory.cveIds).toEqual(['CVE-2024-1234']);
    expect(open.warnings).toEqual(['DEBIAN-CVE-2024-1234: left out packages of ecosystems Patchdesk does not map (npm)']);
    const withdrawn = parseOsv({ ...base, withdrawn: '2024-06-01T00:00:00Z', affected: [{ package: { name: 'xz-utils', ecosystem: 'Debian:12' } }] }, 'w.json');
    expect(withdrawn.advisory).toMatchObject({ withdrawn: '2024-06-01T00:00:00.000Z', affected: [] });
    expect(() => parseOsv({ id: 'GHSA-x', affected: [{ package: { name: 'left-pad', ecosystem: 'npm' } }] }, 'g.json')).toThrow('g.json is an OSV record (GHSA-x) for npm, not for Debian, Ubuntu, AlmaLinux, Rocky Linux or Red Hat');
    expect(() => parseOsv({ name: 'x' }, 'x.json')).toThrow('x.json is not an OSV record: it needs an "id" and an "affected" list');
  });
});
