import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSigningFingerprint } from '../../../../shared/domain/evidence/signing-fingerprint';
import { describePublicKey, fingerprintOf, publicKeyFromRaw, rawPublicKeyOf, verifyEd25519 } from './ed25519';

describe('Ed25519 helpers', () => {
  it('fingerprints the raw public key as SHA256: plus unpadded base64', () => {
    const raw = new Uint8Array(32).fill(7);
    const expected = createHash('sha256').update(raw).digest('base64').replace(/=+$/, '');
    expect(fingerprintOf(raw)).toBe(`SHA256:${expected}`);
    expect(fingerprintOf(raw)).toHaveLength(7 + 43);
  });

  it('gives fingerprints that the shared parser accepts unchanged', () => {
    const fingerprint = fingerprintOf(rawPublicKeyOf(generateKeyPairSync('ed25519').privateKey));
    expect(parseSigningFingerprint(fingerprint)).toEqual({ ok: true, fingerprint });
  });

  it('round-trips a key through its raw bytes and describes it with a PEM that Node reads back', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKeyOf(privateKey);
    expect(raw).toHaveLength(32);
    expect(rawPublicKeyOf(publicKeyFromRaw(raw))).toEqual(raw);
    const info = describePublicKey(privateKey);
    expect(info).toMatchObject({ algorithm: 'Ed25519', publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) });
    expect(info.publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(info.publicKeyPem).not.toContain('PRIVATE');
  });

  it('accepts only the exact signed bytes', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKeyOf(privateKey);
    const data = new TextEncoder().encode('manifest');
    const signature = sign(null, data, privateKey);
    expect(verifyEd25519(raw, data, signature)).toBe(true);
    expect(verifyEd25519(raw, new TextEncoder().encode('manifesT'), signature)).toBe(false);
    expect(verifyEd25519(raw, data, signature.subarray(1))).toBe(false);
    expect(verifyEd25519(rawPublicKeyOf(generateKeyPairSync('ed25519').privateKey), data, signature)).toBe(false);
    expect(verifyEd25519(raw.subarray(1), data, signature)).toBe(false);
  });

  it('refuses raw keys of the wrong length', () => {
    expect(() => publicKeyFromRaw(new Uint8Array(31))).toThrow(/32 bytes, not 31/);
  });
});
