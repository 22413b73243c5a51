/**
 * Forges an evidence pack the way an attacker with any ZIP tool would: unzip a genuine pack,
 * change a file, fix its hash in the manifest, swap in a key of their own, re-sign the manifest
 * and zip it up again. Every file then matches the manifest and the signature is valid, so only
 * the signer's fingerprint gives the forgery away.
 */
import { generateKeyPairSync } from 'node:crypto';
import { zipSync } from 'fflate';
import { MANIFEST_FILE, parseManifest, serialiseManifest, sha256Hex, SIGNATURE_FILE } from '../services/evidence/pack/manifest';
import { readZip } from '../services/evidence/pack/zip';
import { signerFromPrivateKey, type EvidenceSigner } from '../services/evidence/signing/installation-key';

/** A fresh Ed25519 signer, as a forger would make one. */
export function freshSigner(): EvidenceSigner {
  return signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** The genuine pack with `path` replaced by `bytes`, re-signed by `forger`. */
export function forgePack(genuine: Uint8Array, path: string, bytes: Uint8Array, forger: EvidenceSigner): Uint8Array {
  const entries = new Map(readZip(genuine).map((entry) => [entry.path, entry.bytes]));
  const parsed = parseManifest(entries.get(MANIFEST_FILE) ?? new Uint8Array());
  if (!parsed.ok) throw new Error(`not a pack: ${parsed.reason}`);
  const manifest = parsed.manifest;
  if (!entries.has(path)) throw new Error(`the pack has no ${path}`);
  entries.set(path, bytes);
  manifest.files = manifest.files.map((file) => (file.path === path ? { ...file, size: bytes.length, sha256: sha256Hex(bytes) } : file));
  manifest.signer = { algorithm: 'Ed25519', publicKey: forger.publicKey, fingerprint: forger.fingerprint };
  const manifestBytes = serialiseManifest(manifest);
  entries.set(MANIFEST_FILE, manifestBytes);
  entries.set(SIGNATURE_FILE, new TextEncoder().encode(`${Buffer.from(forger.sign(manifestBytes)).toString('base64')}\n`));
  return zipSync(Object.fromEntries(entries));
}
