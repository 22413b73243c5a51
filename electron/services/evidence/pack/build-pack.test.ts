import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from '../signing/installation-key';
import { assembleEvidencePack, buildEvidencePack } from './build-pack';
import { parseManifest, sha256Hex, type PackMeta } from './manifest';
import { verifyEvidencePack } from './verify-pack';
import { readZip } from './zip';

const text = (value: string) => new TextEncoder().encode(value);
const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const meta: PackMeta = {
  siteName: 'Acme Dental',
  period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' },
  generatedAt: '2026-11-02T09:00:00.000Z',
  generatedBy: 'tester',
  auditChainHead: { id: 7, hash: 'cd'.repeat(32) },
};
const files = [
  { path: 'report.pdf', bytes: text('%PDF-1.7 fake report') },
  { path: 'data/assets.csv', bytes: text('hostname,tier\nfs01,1\n') },
  { path: 'data/assets.json', bytes: text('[{"hostname":"fs01"}]\n') },
];

describe('buildEvidencePack', () => {
  it('holds the files, VERIFY.txt, the manifest and its signature, and verifies', () => {
    const pack = assembleEvidencePack({ files, meta }, signer);
    expect(readZip(pack.zip).map((entry) => entry.path)).toEqual(['VERIFY.txt', 'data/assets.csv', 'data/assets.json', 'manifest.json', 'manifest.sig', 'report.pdf']);
    expect(pack.manifest.files.map((file) => file.path)).toEqual(['VERIFY.txt', 'data/assets.csv', 'data/assets.json', 'report.pdf']);
    expect(pack.manifestSha256).toBe(sha256Hex(pack.manifestBytes));
    expect(parseManifest(pack.manifestBytes)).toMatchObject({ ok: true });
    expect(verifyEvidencePack(pack.zip, { installationFingerprint: signer.fingerprint })).toMatchObject({ ok: true, problems: [], fingerprint: signer.fingerprint, signatureValid: true });
  });

  it('is reproducible: the same data gives the same bytes, another timestamp changes only what carries it', () => {
    const first = buildEvidencePack({ files, meta }, signer);
    expect(Buffer.from(buildEvidencePack({ files: [...files].reverse(), meta }, signer)).equals(Buffer.from(first))).toBe(true);
    const later = buildEvidencePack({ files, meta: { ...meta, generatedAt: '2026-11-03T10:30:00.000Z' } }, signer);
    const entries = (zip: Uint8Array) => new Map(readZip(zip).map((entry) => [entry.path, sha256Hex(entry.bytes)]));
    const before = entries(first);
    const after = entries(later);
    const changed = [...before.keys()].filter((path) => before.get(path) !== after.get(path));
    expect(changed).toEqual(['manifest.json', 'manifest.sig']);
  });

  it('refuses names the pack writes itself, hostile names and clashes, naming each', () => {
    expect(() => buildEvidencePack({ files: [{ path: 'manifest.json', bytes: text('{}') }], meta }, signer)).toThrow(/"manifest.json" is written by the pack itself/);
    expect(() => buildEvidencePack({ files: [{ path: 'VERIFY.txt', bytes: text('') }], meta }, signer)).toThrow(/VERIFY.txt/);
    expect(() => buildEvidencePack({ files: [{ path: '/abs.csv', bytes: text('') }, { path: 'a.csv', bytes: text('') }, { path: 'A.csv', bytes: text('') }], meta }, signer)).toThrow(
      /"\/abs.csv": it is an absolute path; "A.csv" clashes with "a.csv"/,
    );
    expect(() => buildEvidencePack({ files, meta: { ...meta, generatedAt: 'yesterday' } }, signer)).toThrow(/"yesterday" is not a valid timestamp/);
  });
});
