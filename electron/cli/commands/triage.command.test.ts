import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TriageResult } from '../../../shared/contract/triage';
import { openAppCore } from '../../core/app-core';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

const FIXTURES = new URL('../../services/intel/feeds/parsers/fixtures/', import.meta.url);
const BULLSEYE = { id: 'debian', name: 'Debian GNU/Linux 11 (bullseye)', version: '11', build: '' };

/** A data folder with one bullseye host carrying 389-ds-base below the tracker sample's fix, and the sample imported. */
async function seeded(): Promise<string> {
  const dir = makeTempDir();
  const core = openAppCore({ dataDir: dir, mode: 'cli' });
  const call = async <T>(channel: string, request: unknown): Promise<T> => {
    const result = await core.dispatcher.invoke(channel, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  const site = await call<{ id: number }>('sites:create', { name: 'Acme', timezone: 'UTC' });
  const asset = await call<{ id: number }>('assets:create', { siteId: site.id, fields: { hostname: 'ldap1' } });
  const installed = [{ name: '389-ds-base', arch: 'amd64', version: '1.3.5.10-1', sourceName: '389-ds-base', sourceVersion: '1.3.5.10-1', status: 'installed' }];
  core.services.patchStatus.storeCollection(asset.id, { collectedAt: new Date().toISOString(), method: 'offline-file', platform: 'linux', hostname: 'ldap1', os: BULLSEYE, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 1, installed, pending: [], installedKbs: [], device: null, warnings: [] }, null);
  const bytes = readFileSync(new URL('debian-security-tracker-json_sample.json', FIXTURES));
  await call('intel:import', { fileName: 'tracker.json', base64: bytes.toString('base64') });
  await core.close();
  return dir;
}

describe('patchdesk triage', () => {
  it('prints the affected assets, how, and the emergency command; --json gives the contract', async () => {
    const dir = await seeded();
    const text = await runCliCapturing(dir, ['triage', 'CVE-2016-5405', '--site', 'Acme']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('CVE-2016-5405 in "Acme": 1 of 1 asset affected: 1 fix not offered.');
    expect(text.out).toMatch(/ldap1 .* Fix exists, not offered to this host .* 389-ds-base .* 1\.3\.5\.10-1 .* 1\.3\.5\.15-1/);
    expect(text.out).toMatch(/Open an emergency cycle: patchdesk cycle open --site "Acme" --emergency --trigger CVE-2016-5405 --deadline \d{4}-\d{2}-\d{2} --asset "ldap1" --reason/);
    const json = JSON.parse((await runCliCapturing(dir, ['triage', 'CVE-2016-5405', '--site', 'Acme', '--json'])).out) as TriageResult;
    expect(json.counts).toMatchObject({ affected: 1, fixNotOffered: 1 });
    expect((await runCliCapturing(dir, ['triage', '--site', 'Acme'])).code).toBe(2);
    expect(await runCliCapturing(dir, ['triage', '$$', '--site', 'Acme'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a CVE') });
  });
});
