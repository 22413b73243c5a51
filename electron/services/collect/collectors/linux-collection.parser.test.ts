import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostCollection } from '../../../../shared/contract/patch-status';
import { parseLinuxCollection } from './linux-collection.parser';

const fixture = (name: string): string => readFileSync(new URL(`../parsers/fixtures/${name}`, import.meta.url), 'utf8');
const context = { collectedAt: '2026-11-22T12:00:00Z', method: 'ssh' as const };
const NOW = Date.parse(context.collectedAt) / 1000;

type Section = [name: string, stdout: string, exit?: number, stderr?: string];

function collection(osRelease: string, manager: string, sections: Section[], id = 'a1b2c3'): string {
  const all: Section[] = [
    ['os-release', osRelease],
    ['kernel-release', '5.14.0-362.8.1.el9_3.x86_64\n'],
    ['machine', 'x86_64\n'],
    ['hostname', 'web01\n'],
    ['uptime', '86400.52 170000.11\n'],
    ['package-manager', `${manager}\n`],
    ...sections,
  ];
  const body = all
    .map(([name, stdout, exit = 0, stderr = '']) => `\n=== patchdesk section=${name} exit=${exit} run=${id} ===\n${stdout}${stderr ? `\n=== patchdesk stderr=${name} run=${id} ===\n${stderr}` : ''}`)
    .join('');
  return `# patchdesk-collection v1 platform=linux run=${id}\n${body}\n=== patchdesk end run=${id} ===\n`;
}

const ROCKY = 'NAME="Rocky Linux"\nVERSION_ID="8.10"\nID="rocky"\nPRETTY_NAME="Rocky Linux 8.10 (Green Obsidian)"\n';
const rpmBase: Section[] = [
  ['check-update', fixture('osconfig_rocky-8.yum-check-update.stdout'), 100],
  ['updateinfo', fixture('handmade_rocky-8.dnf-updateinfo-list-security.stdout')],
  ['updateinfo-info', fixture('handmade_rocky-8.dnf-updateinfo-info.stdout')],
  ['rpm-query', fixture('handmade_rhel-9.rpm-qa-queryformat-tab.stdout')],
  ['kernels', 'boot 5.14.0-362.8.1.el9_3.x86_64\nboot 5.14.0-427.13.1.el9_4.x86_64\nmodules 5.14.0-362.8.1.el9_3.x86_64\n'],
  ['reboot-files', ''],
  ['metadata-time', `${NOW - 86400}\n`],
  ['last-patch', `${NOW - 3 * 86400}\n`],
  ['needs-restarting', 'Core libraries or services have been updated since boot-up:\n  * kernel\n\nReboot is required to fully utilize these updates.\n', 1],
];

function ok(text: string) {
  const r = parseLinuxCollection(text, context);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  expect(HostCollection.safeParse(r.value).success).toBe(true);
  return r.value;
}

describe('parseLinuxCollection', () => {
  it('reads an rpm host with advisories, reboot indicators and times', () => {
    const v = ok(collection(ROCKY, 'dnf', rpmBase));
    expect(v.os).toEqual({ id: 'rocky', name: 'Rocky Linux 8.10 (Green Obsidian)', version: '8.10', build: '5.14.0-362.8.1.el9_3.x86_64' });
    expect(v).toMatchObject({ hostname: 'web01', packageManager: 'dnf', uptimeSeconds: 86400, rebootRequired: true, installedCount: 26 });
    expect(v.rebootReason).toMatch(/needs-restarting/);
    expect(v.rebootReason).toMatch(/newest installed 5\.14\.0-427/);
    expect(v.lastPatchedAt).toBe(new Date((NOW - 3 * 86400) * 1000).toISOString());
    expect(v.pending.length).toBeGreaterThan(150);
    const curl = v.pending.find((u) => u.name === 'curl');
    expect(curl).toMatchObject({ security: true, advisories: ['RLSA-2025:1001'], severity: 'Important', publishedAt: '2025-01-14T00:00:00.000Z', publishedBasis: 'published' });
    expect(v.pending.some((u) => u.security === null)).toBe(true);
    expect(v.warnings).toEqual([]);
  });

  it('reads a complete "nothing to do" check-update, with plugin messages, as zero pending updates', () => {
    const sections = rpmBase.map((s): Section => (s[0] === 'check-update' ? ['check-update', fixture('handmade_centos-7.yum-check-update-none-plugin-warnings.stdout'), 0] : s));
    const v = ok(collection(ROCKY, 'dnf', sections));
    expect(v.pending).toEqual([]);
    expect(v.warnings.join('\n')).toMatch(/Determining fastest mirrors/);
  });

  it('refuses "nothing pending" from a host with no repository metadata at all (never refreshed)', () => {
    const none = (name: string) => name === 'check-update' || name === 'metadata-time';
    const sections: Section[] = [
      ...rpmBase.filter((s) => !none(s[0])),
      ['check-update', fixture('handmade_centos-7.yum-check-update-none-plugin-warnings.stdout'), 0],
      // The script's metadata probe found no repomd.xml anywhere (grep . fails on empty output).
      ['metadata-time', '', 1],
    ];
    const r = parseLinuxCollection(collection(ROCKY, 'dnf', sections), context);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/no dnf repository metadata was found on the host.*dnf makecache/);
    // With pending updates found, the metadata exists somewhere: only its age is unknown.
    const withUpdates = ok(collection(ROCKY, 'dnf', [...rpmBase.filter((s) => s[0] !== 'metadata-time'), ['metadata-time', '', 1]]));
    expect(withUpdates.warnings.join('\n')).toMatch(/age of the package metadata is unknown/);
  });

  it('leaves rpm updates undated, with the reason, when advisory dates are missing or unreadable', () => {
    const without = ok(collection(ROCKY, 'dnf', rpmBase.filter(([name]) => name !== 'updateinfo-info')));
    expect(without.pending.every((u) => u.publishedAt === undefined)).toBe(true);
    expect(without.warnings).toEqual(['no updateinfo-info section; SLA clocks of these updates start when first seen']);
    const broken = rpmBase.map(([name, stdout, exit]): Section => (name === 'updateinfo-info' ? [name, stdout.replace('2025-01-14 00:00:00', '14/01/2025'), exit] : [name, stdout, exit]));
    const unreadable = ok(collection(ROCKY, 'dnf', broken));
    expect(unreadable.pending.every((u) => u.publishedAt === undefined)).toBe(true);
    expect(unreadable.warnings).toEqual(['advisory dates unreadable, SLA clocks start when first seen: advisory RLSA-2025:1001 has an unreadable date "14/01/2025"']);
  });

  it('keeps security unknown and warns when updateinfo is unavailable', () => {
    const sections = rpmBase.map((s): Section => (s[0] === 'updateinfo' ? ['updateinfo', '', 1, 'Error: Cache-only enabled but no cache for appstream'] : s));
    const v = ok(collection(ROCKY, 'dnf', sections));
    expect(v.pending.every((u) => u.security === null)).toBe(true);
    expect(v.warnings.join('\n')).toMatch(/updateinfo/);
  });

  it.each([
    ['garbage in the update list', 'check-update', 'this is not a yum table\nat all\n', 0, /check-update/],
    ['a failed update query', 'check-update', '', 1, /check-update.*exit code 1/],
    ['an empty inventory', 'rpm-query', '', 0, /rpm-query/],
  ])('fails the host on %s, never reporting zero updates', (_label, name, stdout, exit, message) => {
    const sections = rpmBase.map((s): Section => (s[0] === name ? [name, stdout, exit, 'Error: Cache-only enabled but no cache for baseos'] : s));
    const r = parseLinuxCollection(collection(ROCKY, 'dnf', sections), context);
    expect(r).toMatchObject({ ok: false, code: 'unparseable' });
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('reports a timed-out package command as timeout', () => {
    const sections = rpmBase.map((s): Section => (s[0] === 'check-update' ? ['check-update', '', 124] : s));
    expect(parseLinuxCollection(collection(ROCKY, 'dnf', sections), context)).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('fails when a required section is missing', () => {
    const r = parseLinuxCollection(collection(ROCKY, 'dnf', rpmBase.filter((s) => s[0] !== 'rpm-query')), context);
    expect(r).toMatchObject({ ok: false, code: 'unparseable', message: expect.stringMatching(/no rpm-query section/) });
  });

  it('warns about missing optional sections and stale metadata', () => {
    const keep = new Set(['check-update', 'rpm-query']);
    const v = ok(collection(ROCKY, 'yum', [...rpmBase.filter((s) => keep.has(s[0])), ['metadata-time', `${NOW - 30 * 86400}\n`]]));
    expect(v.rebootRequired).toBeNull();
    expect(v.lastPatchedAt).toBeNull();
    expect(v.warnings.join('\n')).toMatch(/updateinfo section/);
    expect(v.warnings.join('\n')).toMatch(/30 days ago/);
    expect(v.warnings.join('\n')).toMatch(/last patch time/);
  });

  it('is unsupported_platform without a package manager', () => {
    expect(parseLinuxCollection(collection('ID=weird\n', 'none', []), context)).toMatchObject({ ok: false, code: 'unsupported_platform' });
  });

  it('reads zypper patches and updates', () => {
    const v = ok(
      collection('ID="sles"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\n', 'zypper', [
        ['zypper-updates', fixture('salt_zypper-xmlout-list-updates.xml')],
        ['zypper-patches', fixture('handmade_sles-15.zypper-xmlout-list-patches.xml'), 101],
        ['rpm-query', fixture('handmade_rhel-9.rpm-qa-queryformat-tab.stdout')],
        ['zypper-needs-rebooting', '', 102],
      ]),
    );
    expect(v.pending.some((u) => u.kind === 'patch' && u.security === true && u.cves.length > 0)).toBe(true);
    expect(v.pending.some((u) => u.kind === 'upgrade')).toBe(true);
    expect(v.rebootRequired).toBe(true);
  });

  it('reads apk and pacman hosts with their own inventories', () => {
    const apk = ok(
      collection('ID=alpine\nVERSION_ID=3.20.3\n', 'apk', [
        ['apk-list', fixture('handmade_alpine-3.20.apk-list-upgradable.stdout')],
        ['apk-installed', 'C:Q1abc=\nP:busybox\nV:1.36.1-r28\nA:x86_64\no:busybox\n\nP:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\n'],
      ]),
    );
    expect(apk.installed.map((p) => p.name)).toEqual(['busybox', 'musl']);
    expect(apk.pending.find((u) => u.name === 'busybox')).toMatchObject({ installedVersion: '1.36.1-r28', availableVersion: '1.36.1-r29' });

    const arch = ok(
      collection('ID=arch\nBUILD_ID=rolling\n', 'pacman', [
        ['pacman-checkupdates', '==> ERROR: Cannot fetch updates\n', 1],
        ['pacman-qu', 'linux 6.9.3.arch1-1 -> 6.9.4.arch1-1\n', 0],
        ['pacman-installed', 'linux 6.9.3.arch1-1\nglibc 2.39-1\n'],
      ]),
    );
    expect(arch.pending).toHaveLength(1);
    expect(arch.installedCount).toBe(2);
    expect(arch.warnings[0]).toMatch(/checkupdates failed/);
  });

  it('trusts the Ubuntu reboot file in both directions', () => {
    const base: Section[] = [
      ['apt-simulate', 'Inst libc6 [2.35-0ubuntu3.6] (2.35-0ubuntu3.7 Ubuntu:22.04/jammy-security [amd64])\n'],
      ['dpkg-query', 'libc6:amd64\t2.35-0ubuntu3.6\tamd64\tii \tglibc\t2.35-0ubuntu3.6\n'],
    ];
    const ubuntu = 'ID=ubuntu\nVERSION_ID="22.04"\n';
    expect(ok(collection(ubuntu, 'apt', [...base, ['reboot-files', '']])).rebootRequired).toBe(false);
    const pending = ok(collection(ubuntu, 'apt', [...base, ['reboot-files', 'file /var/run/reboot-required\npkg linux-image-5.15.0-91-generic\npkg linux-image-5.15.0-91-generic\n']]));
    expect(pending.rebootRequired).toBe(true);
    expect(pending.rebootReason).toBe('/var/run/reboot-required exists (linux-image-5.15.0-91-generic)');
    expect(pending.pending[0]).toMatchObject({ name: 'libc6', security: true });
  });

  it('compares kernels of the same flavour only', () => {
    const apt: Section[] = [
      ['apt-simulate', ''],
      ['dpkg-query', 'bash\t5.2.15-2+b2\tamd64\tii \tbash\t5.2.15-2\n'],
      ['kernels', 'boot 6.1.0-9-amd64\nboot 6.1.0-18-cloud-amd64\nboot 6.1.0-18-amd64\n'],
    ];
    const text = collection('ID=debian\nVERSION_ID="12"\n', 'apt', apt).replace('5.14.0-362.8.1.el9_3.x86_64', '6.1.0-18-amd64');
    expect(ok(text)).toMatchObject({ rebootRequired: false, rebootReason: 'running kernel 6.1.0-18-amd64 is the newest installed', pending: [] });
  });

  it('refuses output of the wrong platform or a cut-off run', () => {
    const full = collection(ROCKY, 'dnf', rpmBase);
    expect(parseLinuxCollection(full.slice(0, full.length - 40), context)).toMatchObject({ ok: false, code: 'unparseable', message: expect.stringMatching(/truncated/) });
    expect(parseLinuxCollection(full.replace('platform=linux', 'platform=windows'), context)).toMatchObject({ ok: false, code: 'unparseable' });
  });
});
