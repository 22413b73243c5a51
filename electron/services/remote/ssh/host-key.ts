/**
 * Host key fingerprints computed the way OpenSSH prints them (`SHA256:` + unpadded base64 of the
 * SHA-256 of the wire-format public key), so a pin can be checked against `ssh-keygen -lf`.
 */
import { createHash } from 'node:crypto';

/** A host key as shown to users and stored as a pin. */
export interface HostKeyInfo {
  /** The key type from the key blob, e.g. `ssh-ed25519`. */
  algorithm: string;
  /** `SHA256:...`, as `ssh-keygen -lf` prints it. */
  sha256: string;
}

/** What to do when a target has no pinned host key. */
export type HostKeyPolicy = 'strict' | 'trust-on-first-use';

/** The fingerprint and type of a raw SSH public key blob (RFC 4253 section 6.6). */
export function describeHostKey(keyBlob: Buffer): HostKeyInfo {
  const digest = createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
  return { algorithm: keyBlobAlgorithm(keyBlob), sha256: `SHA256:${digest}` };
}

/** Reduces the spellings users paste (with or without `SHA256:`, with or without padding) to one form. */
export function normalizeFingerprint(fingerprint: string): string {
  return `SHA256:${fingerprint.trim().replace(/^SHA256:/i, '').replace(/=+$/, '')}`;
}

/** Whether two fingerprints name the same key. */
export function sameFingerprint(a: string, b: string): boolean {
  return normalizeFingerprint(a) === normalizeFingerprint(b);
}

// ssh2's own default order; a pinned algorithm goes first so the server presents the pinned key.
const DEFAULT_HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Host key algorithms to offer, preferring those that can present a key of type `pinnedAlgorithm`. */
export function hostKeyAlgorithms(pinnedAlgorithm: string | undefined): string[] {
  if (!pinnedAlgorithm) return [...DEFAULT_HOST_KEY_ALGORITHMS];
  // RSA keys have one key type but three signature algorithms.
  const preferred = pinnedAlgorithm === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [pinnedAlgorithm];
  const known = preferred.filter((name) => DEFAULT_HOST_KEY_ALGORITHMS.includes(name));
  return [...known, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((name) => !known.includes(name))];
}

function keyBlobAlgorithm(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || 4 + length > keyBlob.length) return 'unknown';
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}
