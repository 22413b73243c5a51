import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../platform/version';
import { signerFromPrivateKey } from '../signing/installation-key';
import { createManifest, parseManifest, serialiseManifest, sha256Hex, type PackMeta } from './manifest';

const meta: PackMeta = {
  siteName: 'Acme Dental',
  period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' },
  generatedAt: '2026-11-02T09:00:00.000Z',
  generatedBy: 'tester',
  auditChainHead: { id: 42, hash: 'ab'.repeat(32) },
};
const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const text = (value: string) => new TextEncoder().encode(value);

describe('pack manifest', () => {
  it('lists every file by path with size and SHA-256, and says what the pack is about', () => {
    const manifest = createManifest([{ path: 'report.pdf', bytes: text('%PDF') }, { path: 'data/assets.csv', bytes: text('a,b\n') }], meta, signer);
    expect(manifest).toEqual({
      format: 'patchdesk-evidence-pack',
      formatVersion: 1,
      generator: { name: 'Patchdesk', version: APP_VERSION },
      site: { name: 'Acme Dental' },
      period: meta.period,
      generatedAt: meta.generatedAt,
      generatedBy: 'tester',
      auditChainHead: meta.auditChainHead,
      signer: { algorithm: 'Ed25519', publicKey: signer.publicKey, fingerprint: signer.fingerprint },
      files: [
        { path: 'data/assets.csv', size: 4, sha256: sha256Hex(text('a,b\n')) },
        { path: 'report.pdf', size: 4, sha256: sha256Hex(text('%PDF')) },
      ],
    });
    expect(sha256Hex(text(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('serialises canonically (sorted keys, LF) and reads back what it wrote', () => {
    const bytes = serialiseManifest(createManifest([{ path: 'a.txt', bytes: text('a') }], meta, signer));
    const textForm = new TextDecoder().decode(bytes);
    expect(textForm.startsWith('{\n  "auditChainHead": {')).toBe(true);
    expect(textForm.endsWith('}\n')).toBe(true);
    expect(textForm).not.toContain('\r');
    const parsed = parseManifest(bytes);
    expect(parsed.ok && serialiseManifest(parsed.manifest)).toEqual(bytes);
  });

  it('refuses a manifest that is not JSON, has unknown fields, hostile or duplicate paths, or is too new', () => {
    const good = JSON.parse(new TextDecoder().decode(serialiseManifest(createManifest([{ path: 'a.txt', bytes: text('a') }], meta, signer)))) as Record<string, unknown> & { files: { path: string }[] };
    const reason = (value: unknown) => {
      const parsed = parseManifest(text(typeof value === 'string' ? value : JSON.stringify(value)));
      return parsed.ok ? 'ok' : parsed.reason;
    };
    expect(reason(good)).toBe('ok');
    expect(reason('{"format": ')).toMatch(/not valid UTF-8 JSON/);
    expect(parseManifest(new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: expect.stringMatching(/UTF-8/) });
    expect(reason({ ...good, note: 'unsigned?' })).toMatch(/Unrecognized key.*note/i);
    expect(reason({ ...good, files: [{ ...good.files[0], path: '../etc/passwd' }] })).toMatch(/climbs out/);
    expect(reason({ ...good, files: [good.files[0], good.files[0]] })).toMatch(/listed twice/);
    expect(reason({ ...good, files: [{ ...good.files[0], path: 'manifest.sig' }] })).toMatch(/reserved/);
    expect(reason({ ...good, formatVersion: 2 })).toMatch(/format version 2, written by a newer Patchdesk/);
    expect(reason({ ...good, format: 'something-else' })).toMatch(/not a Patchdesk evidence manifest/);
  });
});
