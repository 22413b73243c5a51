import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAptList } from './apt-list.parser';
import { gzippedText, randomBytesText } from '../../../test-support/binary-garbage';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('apt-list', () => {
  it('reads the Debian 12 capture: 120 rows, 74 from a -security suite, stderr warning ignored', () => {
    const r = parseAptList({
      stdout: fixture('local_debian-12.apt-list-upgradable.stdout'),
      stderr: fixture('local_debian-12.apt-list-upgradable.stderr'),
      exitCode: 0,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates).toHaveLength(120);
    expect(r.value.updates.filter((u) => u.security)).toHaveLength(74);
    expect(r.value.warnings).toEqual([]);
    expect(r.value.updates.find((u) => u.name === 'ca-certificates')).toEqual({
      name: 'ca-certificates',
      arch: 'all',
      installedVersion: '20230311+deb12u1',
      availableVersion: '20250419~deb12u2',
      repository: 'oldstable-security',
      security: true,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
  });

  it('handles repeated suites, multi-arch, old headers and translated headers', () => {
    const r = parseAptList({
      stdout: [
        'Auflistung… Fertig',
        'openssl/jammy-updates,jammy-security,jammy-updates 3.0.2-0ubuntu1.12 amd64 [upgradable from: 3.0.2-0ubuntu1.10]',
        'libssl3/jammy-updates 3.0.2-0ubuntu1.12 amd64 [aktualisierbar von: 3.0.2-0ubuntu1.10]',
        'libssl3/jammy-updates 3.0.2-0ubuntu1.12 i386 [upgradable from: 3.0.2-0ubuntu1.10]',
      ].join('\r\n'),
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates.map((u) => [u.name, u.arch, u.security, u.repository])).toEqual([
      ['openssl', 'amd64', true, 'jammy-updates, jammy-security'],
      ['libssl3', 'amd64', false, 'jammy-updates'],
      ['libssl3', 'i386', false, 'jammy-updates'],
    ]);
    expect(parseAptList({ stdout: 'Listing... Done\n', exitCode: 0 })).toEqual({ ok: true, value: { updates: [], warnings: [] } });
  });

  it('rejects errors and garbage', () => {
    expect(parseAptList({ stdout: 'Listing...\n', stderr: 'E: Could not open lock file\n', exitCode: 100 }).ok).toBe(false);
    expect(parseAptList({ stdout: '<html>502 Bad Gateway</html>\n' }).ok).toBe(false);
    expect(parseAptList({ stdout: '\u0000'.repeat(100) + 'zz' }).ok).toBe(false);
  });

  it('refuses binary data, even with real rows inside it, instead of listing packages from it', () => {
    const capture = fixture('local_debian-12.apt-list-upgradable.stdout');
    const embedded = `${randomBytesText(2000, 3)}\n${capture.split('\n').slice(0, 3).join('\n')}\n${randomBytesText(2000, 4)}`;
    for (const stdout of [randomBytesText(4096, 1), gzippedText(capture), embedded]) {
      expect(parseAptList({ stdout, exitCode: 0 })).toEqual({ ok: false, error: expect.stringMatching(/^apt list output cannot be read: it is binary data, not text/) });
    }
  });
});
