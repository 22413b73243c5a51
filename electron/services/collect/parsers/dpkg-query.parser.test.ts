import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDpkgQuery } from './dpkg-query.parser';
import { gzippedText, randomBytesText } from '../../../test-support/binary-garbage';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string) {
  const r = parseDpkgQuery({ stdout, exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('dpkg-query', () => {
  it('reads the Ubuntu 22 JSON-lines sample: 89 rows, 57 installed, 32 config-files kept', () => {
    const v = parsed(fixture('osconfig_ubuntu-22.dpkg-query-W-json.stdout'));
    expect(v.packages).toHaveLength(89);
    expect(v.packages.filter((p) => p.status === 'installed')).toHaveLength(57);
    expect(v.packages.filter((p) => p.status === 'config-files')).toHaveLength(32);
    expect(v.packages.find((p) => p.name === 'linux-image-6.5.0-1015-gcp')).toMatchObject({ sourceName: 'linux-signed-gcp-6.5' });
    expect(v.warnings).toEqual([]);
  });

  it('reads the tab format captured on Debian 12', () => {
    const v = parsed(fixture('local_debian-12.dpkg-query-W-tab.stdout'));
    expect(v.packages).toHaveLength(846);
    expect(v.packages.every((p) => p.status === 'installed')).toBe(true);
    expect(v.packages.find((p) => p.name === 'libc6')).toMatchObject({ arch: 'amd64', sourceName: 'glibc' });
    expect(v.warnings).toEqual([]);
  });

  it('maps status letters, strips :arch and reads the old ${Source} form', () => {
    const v = parsed(
      [
        'libc6:amd64\t2.36-9+deb12u4\tamd64\tii \tglibc\t2.36-9+deb12u4',
        'linux-image-6.1.0-9-amd64\t6.1.27-1\tamd64\trc \tlinux-signed-amd64\t6.1.27+1',
        'tar\t1.27.1-2+b1\tamd64\tii \ttar (1.27.1-2)\t',
        'broken\t1.0\tall\tiU \t\t',
      ].join('\n'),
    );
    expect(v.packages).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', status: 'installed', sourceName: 'glibc', sourceVersion: '2.36-9+deb12u4' },
      { name: 'linux-image-6.1.0-9-amd64', version: '6.1.27-1', arch: 'amd64', status: 'config-files', sourceName: 'linux-signed-amd64', sourceVersion: '6.1.27+1' },
      { name: 'tar', version: '1.27.1-2+b1', arch: 'amd64', status: 'installed', sourceName: 'tar', sourceVersion: '1.27.1-2' },
      { name: 'broken', version: '1.0', arch: 'all', status: 'unpacked', sourceName: 'broken', sourceVersion: '1.0' },
    ]);
  });

  it('rejects errors, empty output and garbage, and warns on bad rows', () => {
    expect(parseDpkgQuery({ stdout: '', stderr: 'dpkg-query: error: unknown option', exitCode: 2 }).ok).toBe(false);
    expect(parseDpkgQuery({ stdout: '', exitCode: 0 }).ok).toBe(false);
    expect(parseDpkgQuery({ stdout: 'garbage line\n{"not": "a package"}\n' }).ok).toBe(false);
    const v = parsed('adduser\t3.134\tall\tii \tadduser\t3.134\r\n\u001b[31m{broken json\r\n');
    expect(v.packages).toHaveLength(1);
    expect(v.warnings).toHaveLength(1);
  });

  it('refuses binary data, even with real rows inside it, instead of listing packages from it', () => {
    const capture = fixture('local_debian-12.dpkg-query-W-tab.stdout');
    const embedded = `${randomBytesText(2000, 5)}\n${capture.split('\n').slice(0, 3).join('\n')}\n${randomBytesText(2000, 6)}`;
    for (const stdout of [randomBytesText(4096, 2), gzippedText(capture), embedded]) {
      expect(parseDpkgQuery({ stdout, exitCode: 0 })).toEqual({ ok: false, error: expect.stringMatching(/^dpkg-query output cannot be read: it is binary data, not text/) });
    }
  });
});
