import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseApk } from './apk.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('apk', () => {
  it('reads apk list --upgradable with origins and licences containing spaces', () => {
    const r = parseApk({ stdout: fixture('handmade_alpine-3.20.apk-list-upgradable.stdout'), exitCode: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates).toHaveLength(6);
    expect(r.value.updates[2]).toEqual({ name: 'libcrypto3', arch: 'x86_64', installedVersion: '3.3.1-r3', availableVersion: '3.3.2-r1', repository: 'origin:openssl', security: null, cves: [], advisories: [], kind: 'upgrade' });
    expect(r.value.updates[5]).toMatchObject({ name: 'ca-certificates-bundle', installedVersion: '20240226-r0' });
    expect(r.value.warnings).toEqual([]);
  });

  it("reads apk version -l '<'", () => {
    const r = parseApk({ stdout: fixture('handmade_alpine-3.6.apk-version-l-lt.stdout'), exitCode: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates.map((u) => [u.name, u.installedVersion, u.availableVersion])).toEqual([
      ['libcrypto1.0', '1.0.2k-r0', '1.0.2m-r0'],
      ['libssl1.0', '1.0.2k-r0', '1.0.2m-r0'],
      ['musl', '1.1.16-r10', '1.1.16-r14'],
      ['musl-utils', '1.1.16-r10', '1.1.16-r14'],
    ]);
  });

  it('treats empty output as no updates and rejects errors and garbage', () => {
    expect(parseApk({ stdout: '', exitCode: 0 })).toEqual({ ok: true, value: { updates: [], warnings: [] } });
    expect(parseApk({ stdout: '', stderr: 'ERROR: Unable to lock database: Permission denied', exitCode: 99 }).ok).toBe(false);
    expect(parseApk({ stdout: 'ERROR: unable to select packages:\n' }).ok).toBe(false);
    expect(parseApk({ stdout: 'sh: apk: not found\n' }).ok).toBe(false);
  });
});
