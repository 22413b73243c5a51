import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type ZipAttributes } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../services/evidence/pack/build-pack';
import type { PackMeta } from '../../services/evidence/pack/manifest';
import { readZip } from '../../services/evidence/pack/zip';
import { InstallationSigningKey, signerFromPrivateKey, type EvidenceSigner } from '../../services/evidence/signing/installation-key';
import { forgePack, freshSigner } from '../../test-support/forge-pack';
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

function writePack(dir: string, signer: EvidenceSigner, name = 'acme.zip', change?: (entries: Map<string, Uint8Array>) => void, attributes: Record<string, ZipAttributes> = {}): string {
  let bytes = buildEvidencePack({ files: [{ path: 'report.pdf', bytes: text('%PDF-1.7 report') }, { path: 'data/assets.csv', bytes: text('hostname\nfs01\n') }], meta }, signer);
  if (change) {
    const entries = new Map(readZip(bytes).map((entry) => [entry.path, entry.bytes]));
    change(entries);
    bytes = zipSync(Object.fromEntries([...entries].map(([path, content]) => [path, attributes[path] ? [content, attributes[path]] : content])));
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
    expect(result.out).toContain('Intact: all 3 files match the signed manifest, signed by a trusted key.');
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

  it('fails a pack re-signed with another key as signed by an unknown key, until it is pinned or trusted', async () => {
    const dataDir = makeTempDir();
    const mine = new InstallationSigningKey(dataDir).signer();
    const genuine = writePack(makeTempDir(), mine);
    const forger = freshSigner();
    const forged = join(makeTempDir(), 'forged.zip');
    writeFileSync(forged, forgePack(readFileSync(genuine), 'data/assets.csv', text('hostname\nfs99\n'), forger));

    const unknown = await run(dataDir, 'verify', forged);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/^ok {9}data\/assets\.csv$/m);
    expect(unknown.out).toContain(`Signed by an unknown key ${forger.fingerprint}: it is neither this installation's key (${mine.fingerprint}) nor a trusted signer.`);
    expect(unknown.out).toContain(`  patchdesk evidence trust add ${forger.fingerprint} --name NAME`);
    expect(unknown.out).toContain('NOT verified: the files match the manifest, but it is signed by an unknown key');
    expect(unknown.out).not.toContain('Intact');
    expect(unknown.err).toBe(`patchdesk: the evidence pack ${forged} is NOT verified: it is signed by an unknown key ${forger.fingerprint}; if the issuer confirms this fingerprint by phone or mail, trust it with: patchdesk evidence trust add ${forger.fingerprint} --name NAME (or check this pack with --key ${forger.fingerprint})`);

    const pinned = await run(dataDir, 'verify', forged, '--key', mine.fingerprint);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toContain(`SIGNATURE  manifest.sig: the pack was signed by ${forger.fingerprint}, not by the pinned key ${mine.fingerprint}`);
    const pinnedForger = await run(dataDir, 'verify', forged, '--key', forger.fingerprint.replace('SHA256:', ''));
    expect(pinnedForger).toMatchObject({ code: 0, out: expect.stringContaining(`Signed by ${forger.fingerprint} (the pinned key)`) });

    expect(await run(dataDir, 'evidence', 'trust', 'add', forger.fingerprint, '--name', 'Northwind Berlin')).toMatchObject({ code: 0, out: `Trusted ${forger.fingerprint} as "Northwind Berlin": packs it signed now verify here.` });
    const trusted = await run(dataDir, 'verify', forged, '--json');
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.out)).toMatchObject({ ok: true, trust: { kind: 'trusted_signer', name: 'Northwind Berlin' }, problems: [] });
    expect((await run(dataDir, 'verify', forged)).out).toContain(`Signed by ${forger.fingerprint} (trusted signer "Northwind Berlin")`);
    expect((await run(dataDir, 'evidence', 'trust', 'remove', forger.fingerprint)).code).toBe(0);
    expect((await run(dataDir, 'verify', forged)).code).toBe(1);
  });

  it('refuses a pack holding a symbolic link or a ".." entry, naming the entry', async () => {
    const dataDir = makeTempDir();
    const signer = new InstallationSigningKey(dataDir).signer();
    const link = writePack(makeTempDir(), signer, 'link.zip', (entries) => entries.set('data/hosts.csv', text('/etc/shadow')), { 'data/hosts.csv': { os: 3, attrs: (0o120777 << 16) >>> 0 } });
    expect(await run(dataDir, 'verify', link)).toMatchObject({ code: 1, out: expect.stringContaining('link.zip is not a readable evidence pack: it holds the entry "data/hosts.csv", which is refused: it is a symbolic link, not a regular file') });
    const climb = writePack(makeTempDir(), signer, 'climb.zip', (entries) => entries.set('../evil.sh', text('x')));
    expect(await run(dataDir, 'verify', climb)).toMatchObject({ code: 1, out: expect.stringContaining('it holds an unsafe entry name "../evil.sh": it climbs out of the pack with ".."') });
  });

  it('verifies on a machine without Patchdesk data against the pinned key only, creating neither a database nor a key', async () => {
    const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const fresh = join(makeTempDir(), 'auditor');
    const pack = writePack(makeTempDir(), signer);
    const unpinned = await run(fresh, 'verify', pack, '--json');
    expect(unpinned.code).toBe(1);
    expect(JSON.parse(unpinned.out)).toMatchObject({ ok: false, fingerprint: signer.fingerprint, signatureValid: true, trust: { kind: 'unknown' }, problems: [{ problem: 'unknown_signer' }] });
    const result = await run(fresh, 'verify', pack, '--json', '--key', signer.fingerprint);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, fingerprint: signer.fingerprint, signatureValid: true, trust: { kind: 'pinned' }, problems: [], manifest: { site: { name: 'Acme Dental' } } });
    expect(JSON.parse(result.out)).not.toHaveProperty('signedByThisInstallation');
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses a --key that is not a fingerprint, naming it (exit 2)', async () => {
    const dataDir = makeTempDir();
    const pack = writePack(makeTempDir(), freshSigner());
    expect(await run(dataDir, 'verify', pack, '--key', 'SHA256:abc')).toMatchObject({ code: 2, err: 'patchdesk: --key: "SHA256:abc" is not a signing key fingerprint: it has 3 characters after SHA256:, not 43; a fingerprint is SHA256: followed by 43 base64 characters, as "patchdesk evidence key" prints it' });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('says a truncated ZIP or another file is not a pack (exit 1), and an unreadable path or bad usage is exit 2', async () => {
    const dataDir = makeTempDir();
    const dir = makeTempDir();
    const pack = writePack(dir, signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey));
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, readFileSync(pack).subarray(0, 300));
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
