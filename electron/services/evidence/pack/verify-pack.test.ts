import { generateKeyPairSync } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from '../signing/installation-key';
import { buildEvidencePack } from './build-pack';
import { serialiseManifest, type Manifest, type PackMeta } from './manifest';
import { verifyEvidencePack } from './verify-pack';
import { readZip } from './zip';

const text = (value: string) => new TextEncoder().encode(value);
const installation = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const forger = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const meta: PackMeta = {
  siteName: 'Acme Dental',
  period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' },
  generatedAt: '2026-11-02T09:00:00.000Z',
  generatedBy: 'tester',
  auditChainHead: { id: 7, hash: 'cd'.repeat(32) },
};
const pack = buildEvidencePack(
  { files: [{ path: 'report.pdf', bytes: text('%PDF-1.7 compliance 97%') }, { path: 'data/assets.csv', bytes: text('hostname\nfs01\n') }, { path: 'audit/log.json', bytes: text('[]\n') }], meta },
  installation,
);

/** Re-zips the pack after changing its entries, as someone editing it with any ZIP tool would. */
function edit(change: (entries: Map<string, Uint8Array>) => void): Uint8Array {
  const entries = new Map(readZip(pack).map((entry) => [entry.path, entry.bytes]));
  change(entries);
  return zipSync(Object.fromEntries(entries));
}

function flipOneByte(bytes: Uint8Array, index = Math.floor(bytes.length / 2)): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** This installation's packs are trusted; the tests of file checks verify as this installation. */
const mine = { installationFingerprint: installation.fingerprint };
const kinds = (bytes: Uint8Array, options = {}) => verifyEvidencePack(bytes, { ...mine, ...options }).problems.map((problem) => [problem.problem, problem.file]);

describe('verifyEvidencePack', () => {
  it('passes an intact pack, listing every file as ok and naming the signer', () => {
    const result = verifyEvidencePack(pack, { installationFingerprint: installation.fingerprint, pinnedFingerprint: installation.fingerprint.slice('SHA256:'.length) });
    expect(result).toMatchObject({ ok: true, problems: [], fingerprint: installation.fingerprint, signatureValid: true, signedByThisInstallation: true, signedByPinnedKey: true, trust: { kind: 'pinned', name: null } });
    expect(verifyEvidencePack(pack, mine)).toMatchObject({ ok: true, problems: [], trust: { kind: 'installation', name: null } });
    expect(result.files).toEqual(['VERIFY.txt', 'audit/log.json', 'data/assets.csv', 'report.pdf'].map((path) => ({ path, status: 'ok' })));
    expect(result.manifest?.site.name).toBe('Acme Dental');
  });

  it('names a report with one changed byte', () => {
    const tampered = edit((entries) => entries.set('report.pdf', flipOneByte(entries.get('report.pdf') as Uint8Array)));
    const result = verifyEvidencePack(tampered, mine);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: 'report.pdf', problem: 'changed', detail: expect.stringMatching(/^report.pdf was changed: its SHA-256 is [0-9a-f]{64}, the manifest says/) }]);
    expect(result.files.find((file) => file.path === 'report.pdf')?.status).toBe('changed');
    expect(result.signatureValid).toBe(true);
  });

  it('names a data file whose size changed', () => {
    expect(verifyEvidencePack(edit((entries) => entries.set('data/assets.csv', text('hostname\nfs01\nrogue\n'))), mine).problems).toEqual([
      { file: 'data/assets.csv', problem: 'changed', detail: 'data/assets.csv was changed: it is 20 bytes, the manifest says 14' },
    ]);
  });

  it('catches one changed byte in the manifest, whether or not it still parses', () => {
    const manifestBytes = readZip(pack).find((entry) => entry.path === 'manifest.json')?.bytes as Uint8Array;
    const edited = new TextDecoder().decode(manifestBytes).replace('"Acme Dental"', '"Acme Dentax"');
    expect(kinds(edit((entries) => entries.set('manifest.json', text(edited))))).toEqual([['signature', 'manifest.json']]);
    expect(kinds(edit((entries) => entries.set('manifest.json', flipOneByte(manifestBytes, 0))))).toEqual([['manifest', 'manifest.json']]);
  });

  it('catches a manifest edited to match a changed file (the signature no longer fits)', () => {
    const forged = edit((entries) => {
      const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as Manifest;
      const report = text('%PDF-1.7 compliance 100%');
      entries.set('report.pdf', report);
      manifest.files = manifest.files.map((file) => (file.path === 'report.pdf' ? { ...file, size: report.length, sha256: '0'.repeat(64) } : file));
      entries.set('manifest.json', serialiseManifest(manifest));
    });
    expect(kinds(forged)).toEqual([['signature', 'manifest.json'], ['changed', 'report.pdf']]);
  });

  it('catches one changed byte in the signature, and a missing or garbled signature', () => {
    const signature = readZip(pack).find((entry) => entry.path === 'manifest.sig')?.bytes as Uint8Array;
    expect(kinds(edit((entries) => entries.set('manifest.sig', flipOneByte(signature, 3))))).toEqual([['signature', 'manifest.json']]);
    expect(kinds(edit((entries) => entries.set('manifest.sig', text('not base64!'))))).toEqual([['signature', 'manifest.json']]);
    const windowsLineEnd = text(`${new TextDecoder().decode(signature).trimEnd()}\r\n`);
    expect(kinds(edit((entries) => entries.set('manifest.sig', windowsLineEnd)))).toEqual([['signature', 'manifest.json']]);
    expect(verifyEvidencePack(edit((entries) => entries.delete('manifest.sig')), mine).problems).toEqual([{ file: 'manifest.sig', problem: 'signature', detail: 'manifest.sig is missing: the manifest is unsigned' }]);
  });

  it('names a dropped file and an added one', () => {
    expect(kinds(edit((entries) => entries.delete('data/assets.csv')))).toEqual([['missing', 'data/assets.csv']]);
    const added = verifyEvidencePack(edit((entries) => entries.set('data/extra.csv', text('x'))), mine);
    expect(added.problems).toEqual([{ file: 'data/extra.csv', problem: 'unexpected', detail: 'data/extra.csv is in the pack but not in the manifest: it was added after signing' }]);
    expect(added.files.at(-1)).toEqual({ path: 'data/extra.csv', status: 'unexpected' });
  });

  it('fails a pack re-signed with another key: an unknown signer, or not the pinned key', () => {
    const resigned = buildEvidencePack({ files: [{ path: 'report.pdf', bytes: text('%PDF-1.7 compliance 100%') }], meta }, forger);
    const unpinned = verifyEvidencePack(resigned, mine);
    expect(unpinned).toMatchObject({ ok: false, signatureValid: true, fingerprint: forger.fingerprint, signedByThisInstallation: false, trust: { kind: 'unknown', name: null } });
    expect(unpinned.problems).toEqual([{ file: 'manifest.sig', problem: 'unknown_signer', detail: expect.stringContaining(`the pack is signed by an unknown key ${forger.fingerprint}`) }]);
    expect(verifyEvidencePack(resigned).problems.map((problem) => problem.problem)).toEqual(['unknown_signer']);
    const pinned = verifyEvidencePack(resigned, { pinnedFingerprint: installation.fingerprint });
    expect(pinned).toMatchObject({ ok: false, signedByPinnedKey: false, trust: { kind: 'not_pinned', name: null } });
    expect(pinned.problems).toEqual([{ file: 'manifest.sig', problem: 'signature', detail: `the pack was signed by ${forger.fingerprint}, not by the pinned key ${installation.fingerprint}` }]);
    expect(verifyEvidencePack(resigned, { pinnedFingerprint: 'SHA256:nope' }).problems).toEqual([{ file: 'manifest.sig', problem: 'signature', detail: expect.stringContaining('the pinned key cannot be checked: "SHA256:nope" is not a signing key fingerprint') }]);
  });

  it('a pin decides alone: this installation’s own pack fails against another pinned key', () => {
    expect(verifyEvidencePack(pack, { ...mine, pinnedFingerprint: forger.fingerprint })).toMatchObject({ ok: false, trust: { kind: 'not_pinned' } });
  });

  it('catches a manifest whose stated fingerprint is not its key', () => {
    const lying = edit((entries) => {
      const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as Manifest;
      manifest.signer.fingerprint = forger.fingerprint;
      const bytes = serialiseManifest(manifest);
      entries.set('manifest.json', bytes);
      entries.set('manifest.sig', text(`${Buffer.from(installation.sign(bytes)).toString('base64')}\n`));
    });
    expect(verifyEvidencePack(lying, mine).problems).toEqual([{ file: 'manifest.json', problem: 'manifest', detail: expect.stringContaining(`but its public key's fingerprint is ${installation.fingerprint}`) }]);
  });

  it('says a truncated ZIP, something that is not a ZIP, or a ZIP without a manifest is not a pack', () => {
    expect(verifyEvidencePack(pack.subarray(0, pack.length - 100), { ...mine, packName: 'acme.zip' }).problems).toEqual([{ file: 'acme.zip', problem: 'not_a_pack', detail: expect.stringMatching(/^acme.zip is not a readable evidence pack: the ZIP is damaged or truncated/) }]);
    expect(kinds(text('%PDF-1.7'))).toEqual([['not_a_pack', 'pack']]);
    expect(kinds(zipSync({ 'holiday.jpg': text('x') }))).toEqual([['not_a_pack', 'pack']]);
    expect(verifyEvidencePack(edit((entries) => entries.delete('manifest.json')), mine)).toMatchObject({ ok: false, problems: [{ file: 'manifest.json', problem: 'manifest' }], files: expect.arrayContaining([{ path: 'report.pdf', status: 'unexpected' }]) });
  });

  it('never passes altered content, whichever single byte of the ZIP is flipped', () => {
    const original = new Map(readZip(pack).map((entry) => [entry.path, Buffer.from(entry.bytes).toString('hex')]));
    let passed = 0;
    for (let index = 0; index < pack.length; index++) {
      const flipped = flipOneByte(pack, index);
      if (!verifyEvidencePack(flipped, mine).ok) continue;
      // Only header bytes that carry no content (times, CRCs, attributes) may change unnoticed.
      passed++;
      expect(new Map(readZip(flipped).map((entry) => [entry.path, Buffer.from(entry.bytes).toString('hex')])), `byte ${index}`).toEqual(original);
    }
    expect(passed).toBeLessThan(pack.length / 4);
  });
});
