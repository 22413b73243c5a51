import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAptSimulate } from './apt-simulate.parser';
import { withCpuTime } from '../../../test-support/cpu-time';
import { gzippedText, randomBytesText } from '../../../test-support/binary-garbage';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string, exitCode: number | undefined = 0) {
  const r = parseAptSimulate({ stdout, exitCode });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const count = (v: ReturnType<typeof parsed>, kind: string) => v.updates.filter((u) => u.kind === kind).length;

describe('apt-simulate on real captures', () => {
  it('Ubuntu 24: 51 upgrades + 2 new, including lines with a non-empty broken-deps group', () => {
    const v = parsed(fixture('osconfig_ubuntu-24.apt-get-just-print-full-upgrade.stdout'));
    expect(count(v, 'upgrade')).toBe(51);
    expect(v.updates.filter((u) => u.kind === 'new').map((u) => u.name).sort()).toEqual(['python3-botocore', 'python3-dateutil']);
    expect(count(v, 'remove')).toBe(0);
    const names = v.updates.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['grub2-common', 'libpam-systemd', 'libsystemd-shared']));
    expect(v.updates.find((u) => u.name === 'libsystemd-shared')).toEqual({
      name: 'libsystemd-shared',
      arch: 'amd64',
      installedVersion: '255.4-1ubuntu8.4',
      availableVersion: '255.4-1ubuntu8.6',
      repository: 'noble-updates',
      security: false,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
    expect(v.warnings).toEqual([]);
  });

  it('Debian 12 (osconfig): 7 upgrades + 8 new, third-party labels, no security origin', () => {
    const v = parsed(fixture('osconfig_debian-12.apt-get-just-print-full-upgrade.stdout'));
    expect(count(v, 'upgrade')).toBe(7);
    expect(count(v, 'new')).toBe(8);
    expect(v.updates.some((u) => u.security)).toBe(false);
    const agent = v.updates.find((u) => u.name === 'google-guest-agent');
    expect(agent).toMatchObject({ installedVersion: '1:20231115.00-g1', availableVersion: '1:20250327.01-g1', repository: 'google-compute-engine-bookworm-stable', arch: 'amd64' });
  });

  it('Debian 12 (captured on the dev machine): 120 upgrades, 74 from the security archive', () => {
    const v = parsed(fixture('local_debian-12.apt-get-s-qq-dist-upgrade.stdout'));
    expect(count(v, 'upgrade')).toBe(120);
    expect(v.updates.filter((u) => u.security).length).toBe(74);
    expect(v.warnings).toEqual([]);
    expect(v.updates.find((u) => u.name === 'libgcrypt20')).toMatchObject({
      security: true,
      repository: 'oldstable, oldstable-security',
    });
  });

  it('a non-root -qq run with nothing to do prints only the simulation note: zero updates', () => {
    const v = parsed(fixture('local_debian-12.apt-get-s-qq-nothing-to-do.stdout'));
    expect(v).toEqual({ updates: [], warnings: [] });
    const withRows = `${fixture('local_debian-12.apt-get-s-qq-nothing-to-do.stdout')}${fixture('local_debian-12.apt-get-s-qq-dist-upgrade.stdout')}`;
    expect(parsed(withRows).updates).toHaveLength(120);
  });

  it('ignores the header and summary of a run without -qq', () => {
    const v = parsed(fixture('local_debian-12.apt-get-s-upgrade.stdout'));
    expect(count(v, 'upgrade')).toBe(120);
    expect(v.warnings).toEqual([]);
  });
});

describe('apt-simulate grammar', () => {
  it('reads labels with spaces, old Debian security, removals and purges', () => {
    const v = parsed(
      [
        'Inst foo [1.0-1] (1.0-2 My Vendor Repo:1.0/stable [amd64])',
        'Inst bar [2.0] (2.1 Debian-Security:7.0/stable [i386]) [systemd:amd64 on libfoo:amd64] [systemd:amd64 ]',
        'Inst libc6:i386 [2.36-9] (2.36-9+deb12u4 Debian:12.5/stable [i386])',
        'Inst old [1] (2 localhost)',
        'Remv linux-image-6.1.0-9-amd64 [6.1.27-1]',
        'Purg oldpkg [0.9] [systemd:amd64 ]',
        'Conf foo (1.0-2 My Vendor Repo:1.0/stable [amd64])',
      ].join('\n'),
    );
    expect(v.updates.map((u) => [u.name, u.kind, u.security, u.arch ?? null, u.repository])).toEqual([
      ['foo', 'upgrade', false, 'amd64', 'stable'],
      ['bar', 'upgrade', true, 'i386', 'stable'],
      ['libc6', 'upgrade', false, 'i386', 'stable'],
      ['old', 'upgrade', false, null, 'localhost'],
      ['linux-image-6.1.0-9-amd64', 'remove', false, null, ''],
      ['oldpkg', 'remove', false, null, ''],
    ]);
  });

  it('treats empty output with exit 0 as nothing to do, and a translated summary too', () => {
    expect(parsed('').updates).toEqual([]);
    expect(parsed('Paketlisten werden gelesen…\n0 aktualisiert, 0 neu installiert, 0 zu entfernen und 0 nicht aktualisiert.\n').updates).toEqual([]);
  });

  it('survives CRLF, ANSI colour, NUL bytes and non-ASCII', () => {
    const v = parsed('\u001b[1mInst f\u00fc\u00f6 [1.0] (1.1 Ubuntu:24.04/noble-security [amd64])\u001b[0m\r\n\u0000Inst bar [1] (2 Ubuntu:24.04/noble-updates [all])\r\n');
    expect(v.updates.map((u) => [u.name, u.security])).toEqual([
      ['füö', true],
      ['bar', false],
    ]);
  });

  it('stays linear on a multi-megabyte capture', () => {
    const line = 'Inst libfoo [1.0-1] (1.0-2 Debian:12.10/stable, Debian-Security:12/stable-security [amd64]) []\n';
    const big = line.repeat(60_000) + 'Inst x ('.repeat(200_000) + '\n';
    const { value: v, cpuMs } = withCpuTime(() => parsed(big));
    expect(v.updates.length).toBe(60_000);
    expect(cpuMs).toBeLessThan(3_000);
  });
});

describe('apt-simulate errors', () => {
  it('rejects a non-zero exit, E: lines and garbage', () => {
    const stderr = fixture('local_debian-12.apt-get-s-qq-install-missing.stderr');
    expect(parseAptSimulate({ stdout: '', stderr, exitCode: 100 })).toEqual({ ok: false, error: expect.stringContaining('Unable to locate package') });
    expect(parseAptSimulate({ stdout: '', stderr }).ok).toBe(false);
    expect(parseAptSimulate({ stdout: 'E: Could not get lock /var/lib/dpkg/lock-frontend\n', exitCode: 0 }).ok).toBe(false);
    expect(parseAptSimulate({ stdout: 'bash: apt-get: command not found\n' }).ok).toBe(false);
    expect(parseAptSimulate({ stdout: '\u0000\u0001\u00ff\u00fe binary junk' }).ok).toBe(false);
    for (const stdout of [randomBytesText(4096, 7), gzippedText(fixture('local_debian-12.apt-get-s-qq-dist-upgrade.stdout'))]) {
      expect(parseAptSimulate({ stdout, exitCode: 0 })).toEqual({ ok: false, error: expect.stringMatching(/binary data, not text/) });
    }
    expect(parseAptSimulate({ stdout: 'NOTE: This is only a simulation!\nsomething else entirely\n', exitCode: 0 }).ok).toBe(false);
  });
});
