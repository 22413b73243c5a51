import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../services/evidence/pack/build-pack';
import type { PackMeta } from '../../services/evidence/pack/manifest';
import { readZip } from '../../services/evidence/pack/zip';
import { InstallationSigningKey, signerFromPrivateKey, type EvidenceSigner } from '../../services/evidence/signing/installation-key';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

/** The CLI over one data folder. */
function run(dataDir: string, ...args: string[]) {
  return runCliCapturing(dataDir, args);
}

const text = (value: string) => new TextEncoder().encode(value);
const meta: PackMeta = {
  siteName: 'Acme Dental',
  period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' },
  generatedAt: '2026-11-02T09:00:00.000Z',
  generatedBy: 'ana',
  auditChainHead: { id: 3, hash: 'ef'.repeat(32) },
};

function writePack(dir: string, signer: EvidenceSigner, name = 'acme.zip', change?: (entries: Map<string, Uint8Array>) => void): string {
  let bytes = buildEvidencePack({ files: [{ path: 'report.pdf', bytes: text('%PDF-1.7 report') }, { path: 'data/assets.csv', bytes: text('hostname\nfs01\n') }], meta }, signer);
  if (change) {
    const entries = new Map(readZip(bytes).map((entry) => [entry.path, entry.bytes]));
    change(entries);
    bytes = zipSync(Object.fromEntries(entries));
  }
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('patchdesk verify PACK.zip', () => {
  it('says an intact pack is intact, file by file, and that this installation signed it', async () => {
    const dataDir = makeTempDir();
    const signer = new InstallationSigningKey(dataDir).signer();
    const result = await run(dataDir, 'verify', writePack(makeTempDir(), signer));
    expect(result.code).toBe(0);
    expect(result.out).toContain('Acme Dental, 2026-10-01 to 2026-10-31 (Europe/Berlin), generated 2026-11-02T09:00:00.000Z by ana');
    expect(result.out).toMatch(/^ok {9}report\.pdf$/m);
    expect(result.out).toMatch(/^ok {9}data\/assets\.csv$/m);
    expect(result.out).toContain(`Signed by ${signer.fingerprint} (this installation's key)`);
    expect(result.out).toContain('Intact: all 3 files match the signed manifest.');
    expect(result.err).toBe('');
  });

  it('names a changed file with exit 1', async () => {
    const dataDir = makeTempDir();
    const signer = new InstallationSigningKey(dataDir).signer();
    const pack = writePack(makeTempDir(), signer, 'acme.zip', (entries) => entries.set('data/assets.csv', text('hostname\nfs02\n')));
    const result = await run(dataDir, 'verify', pack);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^CHANGED {4}data\/assets\.csv$/m);
    expect(result.out).toMatch(/^ok {9}report\.pdf$/m);
    expect(result.err).toBe(`patchdesk: the evidence pack ${pack} is NOT intact: data/assets.csv changed`);
  });

  it('names a tampered manifest or signature, a dropped and an added file', async () => {
    const dataDir = makeTempDir();
    const signer = new InstallationSigningKey(dataDir).signer();
    const dir = makeTempDir();
    const manifest = await run(dataDir, 'verify', writePack(dir, signer, 'm.zip', (entries) => entries.set('manifest.json', text(new TextDecoder().decode(entries.get('manifest.json')).replace('"ana"', '"bob"')))));
    expect(manifest).toMatchObject({ code: 1, out: expect.stringMatching(/^SIGNATURE {2}manifest\.json: the signature in manifest\.sig does not match manifest\.json/m) });
    const dropped = await run(dataDir, 'verify', writePack(dir, signer, 'd.zip', (entries) => entries.delete('report.pdf')));
    expect(dropped).toMatchObject({ code: 1, out: expect.stringMatching(/^MISSING {4}report\.pdf$/m), err: expect.stringContaining('report.pdf is missing') });
    const added = await run(dataDir, 'verify', writePack(dir, signer, 'a.zip', (entries) => entries.set('data/extra.csv', text('x'))));
    expect(added).toMatchObject({ code: 1, out: expect.stringMatching(/^UNEXPECTED data\/extra\.csv$/m), err: expect.stringContaining('data/extra.csv was added') });
  });

  it('warns when another key signed the pack, and fails when it is not the pinned key', async () => {
    const dataDir = makeTempDir();
    const mine = new InstallationSigningKey(dataDir).signer();
    const forger = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const forged = writePack(makeTempDir(), forger);
    const unpinned = await run(dataDir, 'verify', forged);
    expect(unpinned.code).toBe(0);
    expect(unpinned.out).toContain(`Signed by ${forger.fingerprint}. WARNING: this is NOT this installation's key (${mine.fingerprint})`);
    const pinned = await run(dataDir, 'verify', forged, '--key', mine.fingerprint);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toContain(`SIGNATURE  manifest.sig: the pack was signed by ${forger.fingerprint}, not by the pinned key ${mine.fingerprint}`);
    const pinnedForger = await run(dataDir, 'verify', forged, '--key', forger.fingerprint.replace('SHA256:', ''));
    expect(pinnedForger).toMatchObject({ code: 0, out: expect.stringContaining(`Signed by ${forger.fingerprint} (the pinned key)`) });
  });

  it('verifies on a machine without Patchdesk data, creating neither a database nor a key', async () => {
    const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const fresh = join(makeTempDir(), 'auditor');
    const result = await run(fresh, 'verify', writePack(makeTempDir(), signer), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, fingerprint: signer.fingerprint, signatureValid: true, problems: [], manifest: { site: { name: 'Acme Dental' } } });
    expect(JSON.parse(result.out)).not.toHaveProperty('signedByThisInstallation');
    expect(existsSync(fresh)).toBe(false);
  });

  it('says a truncated ZIP or another file is not a pack (exit 1), and an unreadable path or bad usage is exit 2', async () => {
    const dataDir = makeTempDir();
    const dir = makeTempDir();
    const pack = writePack(dir, signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey));
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, (await import('node:fs')).readFileSync(pack).subarray(0, 300));
    expect(await run(dataDir, 'verify', truncated)).toMatchObject({ code: 1, out: expect.stringContaining('NOT A PACK truncated.zip: truncated.zip is not a readable evidence pack: the ZIP is damaged or truncated') });
    const notZip = join(dir, 'report.pdf');
    writeFileSync(notZip, '%PDF-1.7');
    expect(await run(dataDir, 'verify', notZip)).toMatchObject({ code: 1, err: expect.stringContaining('report.pdf is not an evidence pack') });
    expect(await run(dataDir, 'verify', join(dir, 'nope.zip'))).toMatchObject({ code: 2, err: `patchdesk: cannot read ${join(dir, 'nope.zip')}: no such file` });
    expect(await run(dataDir, 'verify', dir)).toMatchObject({ code: 2, err: expect.stringContaining('is a folder') });
    expect((await run(dataDir, 'verify')).code).toBe(2);
    expect((await run(dataDir, 'verify', pack, '--key', ' ')).code).toBe(2);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('still checks the audit log with --log', async () => {
    const dataDir = makeTempDir();
    expect(await run(dataDir, 'verify', '--log')).toMatchObject({ code: 0, out: expect.stringContaining('The audit log is intact') });
  });
});
