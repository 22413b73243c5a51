/**
 * Ed25519 public-key helpers for evidence packs: the raw key, its fingerprint, and signature
 * checks. Only public material passes through here; the private key stays in installation-key.ts.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Raw Ed25519 public keys are 32 bytes; signatures are 64. */
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

/** The public half of a signing key, as printed in reports and written into manifests. */
export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  /** The raw 32-byte public key, base64 (standard alphabet, padded). */
  publicKey: string;
  /** The key as an SPKI PEM block, for checking a pack with OpenSSL. */
  publicKeyPem: string;
  /** See {@link fingerprintOf}. */
  fingerprint: string;
}

/**
 * The fingerprint people compare by eye and pin with `--key`: `SHA256:` followed by the
 * unpadded base64 of the SHA-256 of the raw 32-byte public key (43 characters), in the style of
 * OpenSSH fingerprints. It hashes the raw key, not an SSH key blob, so it never equals an SSH
 * fingerprint of the same key: it is only ever compared with other Patchdesk fingerprints.
 */
export function fingerprintOf(rawPublicKey: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(rawPublicKey).digest('base64').replace(/=+$/, '')}`;
}

/** The raw 32 bytes of an Ed25519 public (or private) key object. */
export function rawPublicKeyOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Builds a public key object from the raw 32 bytes; throws when they are not a valid key. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) throw new Error(`an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** Everything about a public key that reports and manifests show. */
export function describePublicKey(key: KeyObject): PublicKeyInfo {
  const raw = rawPublicKeyOf(key);
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return {
    algorithm: 'Ed25519',
    publicKey: raw.toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(raw),
  };
}

/** True when `signature` is a valid Ed25519 signature of exactly `data` by the raw public key. */
export function verifyEd25519(rawPublicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, data, publicKeyFromRaw(rawPublicKey), signature);
  } catch {
    return false;
  }
}
