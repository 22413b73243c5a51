import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, type JsonValue } from '../../evidence/pack/canonical-json';
import { freshSigner } from '../../../test-support/forge-pack';
import { openTestCore } from '../../../test-support/test-core';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';

afterEach(removeTempDirs);

const fixtures = join(__dirname, 'parsers', 'fixtures');

async function officeBundle(): Promise<{ bytes: Uint8Array; fingerprint: string }> {
  const office = openTestCore();
  await office.services.intelImport.importFile(join(fixtures, 'cisa_kev_2022-08-18_one-entry.json'));
  await office.services.intelImport.importFile(join(fixtures, 'osv_rocky_RLSA-2023_0005.json'));
  const out = join(makeTempDir(), 'intel.zip');
  const written = office.services.intelBundles.write(out);
  expect(written.feeds.map((feed) => feed.kind).sort()).toEqual(['kev', 'osv']);
  const audit = office.db.prepare("SELECT action FROM audit_log WHERE entity_type = 'intel' ORDER BY id").all();
  expect(audit).toEqual([{ action: 'intel-feed-imported' }, { action: 'intel-feed-imported' }, { action: 'intel-bundle-written' }]);
  await office.close();
  return { bytes: readFileSync(out), fingerprint: written.fingerprint };
}

describe('IntelBundleService', () => {
  it('imports over the contract with a pinned key; the same bundle again changes nothing', async () => {
    const { bytes, fingerprint } = await officeBundle();
    const site = openTestCore();
    const result = await site.dispatcher.invoke('intel:importBundle', { fileName: 'intel.zip', base64: Buffer.from(bytes).toString('base64'), pinnedFingerprint: fingerprint });
    expect(result).toMatchObject({ ok: true, value: { signer: { fingerprint, trust: { kind: 'pinned' } }, generatedAt: '2026-11-02T09:00:00.000Z', skipped: [] } });
    expect(site.services.intel.repository.cvesOfAdvisory('RLSA-2023:0005')).toEqual(['CVE-2022-42920']);
    const again = await site.services.intelBundles.import(bytes, 'intel.zip', { pinnedFingerprint: fingerprint });
    expect(again.imported.map((each) => each.outcome)).toEqual(['unchanged', 'unchanged']);
    await site.close();
  });

  it('refuses added, changed and re-signed contents, an evidence pack and a plain ZIP; nothing is imported', async () => {
    const { bytes, fingerprint } = await officeBundle();
    const site = openTestCore();
    const entries = unzipSync(bytes);
    const refused = async (zip: Uint8Array, pattern: RegExp) => {
      await expect(site.services.intelBundles.import(zip, 'b.zip', { pinnedFingerprint: fingerprint })).rejects.toThrow(pattern);
    };
    await refused(zipSync({ ...entries, 'feeds/extra.feed': new Uint8Array([1]) }), /^b.zip was refused: feeds\/extra.feed is in the bundle but not in the manifest: it was added after signing; nothing was imported$/);
    const feedPath = Object.keys(entries).find((name) => name.startsWith('feeds/')) as string;
    await refused(zipSync({ ...entries, [feedPath]: new Uint8Array([1, 2, 3]) }), /was changed after signing: its size or SHA-256 does not match the manifest/);
    const withoutFeed = { ...entries };
    delete withoutFeed[feedPath];
    await refused(zipSync(withoutFeed), /is listed in the manifest but missing/);

    const forger = freshSigner();
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { signer: Record<string, string> };
    manifest.signer = { algorithm: 'Ed25519', publicKey: forger.publicKey, fingerprint: forger.fingerprint };
    const forgedManifest = canonicalJsonBytes(manifest as unknown as JsonValue);
    const forged = zipSync({ ...entries, 'manifest.json': forgedManifest, 'manifest.sig': new TextEncoder().encode(`${Buffer.from(forger.sign(forgedManifest)).toString('base64')}\n`) });
    await expect(site.services.intelBundles.import(forged, 'forged.zip')).rejects.toThrow(`forged.zip was refused: it is signed by an unknown key ${forger.fingerprint}`);
    await refused(forged, new RegExp(`it was signed by ${forger.fingerprint.replace(/[+/]/g, '\\$&')}, not by the pinned key`));
    await refused(zipSync({ ...entries, 'manifest.json': forgedManifest }), /the signature in manifest.sig does not match manifest.json/);
    await refused(zipSync({ 'manifest.json': new TextEncoder().encode('{"format": "patchdesk-evidence-pack"}'), 'manifest.sig': new Uint8Array([10]) }), /it is an evidence pack, not an intel bundle/);
    await refused(bytes.subarray(0, bytes.length - 30), /it is not a readable bundle/);
    await expect(site.services.intelImport.importBytes('b.zip', bytes)).rejects.toThrow(/^b.zip is a signed intel bundle \(or an evidence pack\), not a feed/);
    expect(site.services.intel.repository.feeds({ includeSuperseded: true })).toEqual([]);
    await site.close();
  });
});
