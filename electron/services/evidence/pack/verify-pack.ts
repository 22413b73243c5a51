/**
 * Checks an evidence pack: every listed file against its hash, files added or removed, and the
 * manifest's signature. The signature is checked with the public key inside the manifest, so it
 * proves only that whoever holds that key signed it: a forger can alter a file and re-sign with
 * a key of their own. Hence a pack passes only when its signer is trusted (fail closed): the
 * pinned key when one is given (`--key`), else this installation's key or a trusted signer.
 * Any other signer is an `unknown_signer` problem naming the fingerprint.
 */
import type { PackProblem, SignerTrust } from '../../../../shared/contract/evidence';
import { parseSigningFingerprint } from '../../../../shared/domain/evidence/signing-fingerprint';
import { ED25519_PUBLIC_KEY_BYTES, fingerprintOf, verifyEd25519 } from '../signing/ed25519';
import { MANIFEST_FILE, parseManifest, sha256Hex, SIGNATURE_FILE, type Manifest } from './manifest';
import { readZip, ZipReadError, type ZipEntry, type ZipLimits } from './zip';

/** How one file of the pack fared. */
export interface VerifiedFile {
  path: string;
  status: 'ok' | 'changed' | 'missing' | 'unexpected';
}

/** The outcome of verifying a pack. */
export interface PackVerification {
  /** True only when every file, the manifest and the signature check out, and the signer is trusted. */
  ok: boolean;
  problems: PackProblem[];
  /** The manifest when it could be read (even if its signature failed). */
  manifest: Manifest | null;
  /** Every file the manifest lists, then any file it does not, with its status. */
  files: VerifiedFile[];
  /** The fingerprint of the key in the manifest (computed from the key, not copied from the text). */
  fingerprint: string | null;
  /** Whether the signature verifies with the manifest's own key. */
  signatureValid: boolean;
  /** Set when the installation's fingerprint was given and the manifest named a key. */
  signedByThisInstallation?: boolean;
  /** Set when a fingerprint was pinned. */
  signedByPinnedKey?: boolean;
  /** Whether the signer is trusted, and as what; null when the manifest names no readable key. */
  trust: SignerTrust | null;
}

/** A key trusted to sign packs, with the name to show for it. */
export interface TrustedKey {
  fingerprint: string;
  name: string;
}

export interface VerifyOptions {
  /** Only this key may have signed the pack (`SHA256:...`; the prefix may be left out); the trusted list then does not apply. */
  pinnedFingerprint?: string;
  /** This installation's fingerprint: its packs are trusted. */
  installationFingerprint?: string;
  /** Other keys an admin trusts. */
  trustedSigners?: readonly TrustedKey[];
  /** How to name the pack itself in problems (default "pack"). */
  packName?: string;
  limits?: ZipLimits;
}

/** Verifies a pack's bytes. Never throws for a bad pack: everything wrong is in `problems`. */
export function verifyEvidencePack(bytes: Uint8Array, options: VerifyOptions = {}): PackVerification {
  const packName = options.packName ?? 'pack';
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes, options.limits);
  } catch (error) {
    const reason = error instanceof ZipReadError ? error.message : String(error);
    return failed([{ file: packName, problem: 'not_a_pack', detail: `${packName} is not a readable evidence pack: ${reason}` }]);
  }
  const byPath = new Map(entries.map((entry) => [entry.path, entry.bytes]));
  const manifestBytes = byPath.get(MANIFEST_FILE);
  const signatureBytes = byPath.get(SIGNATURE_FILE);
  if (!manifestBytes && !signatureBytes) {
    return failed([{ file: packName, problem: 'not_a_pack', detail: `${packName} has neither ${MANIFEST_FILE} nor ${SIGNATURE_FILE}: it is not a Patchdesk evidence pack, or both were removed` }]);
  }

  const problems: PackProblem[] = [];
  if (!manifestBytes) {
    problems.push({ file: MANIFEST_FILE, problem: 'manifest', detail: `${MANIFEST_FILE} is missing: no file in the pack can be checked` });
    return { ...failed(problems), files: entries.filter((entry) => entry.path !== SIGNATURE_FILE).map((entry) => ({ path: entry.path, status: 'unexpected' })) };
  }
  const parsed = parseManifest(manifestBytes);
  if (!parsed.ok) {
    problems.push({ file: MANIFEST_FILE, problem: 'manifest', detail: `${MANIFEST_FILE} cannot be trusted: ${parsed.reason}` });
    return failed(problems);
  }
  const manifest = parsed.manifest;
  const signer = checkSignature(manifest, manifestBytes, signatureBytes, problems);

  const result: PackVerification = { ok: false, problems, manifest, files: checkFiles(manifest, byPath, problems), fingerprint: signer.fingerprint, signatureValid: signer.valid, trust: null };
  if (signer.fingerprint !== null && options.installationFingerprint !== undefined) {
    result.signedByThisInstallation = signer.fingerprint === options.installationFingerprint;
  }
  if (options.pinnedFingerprint !== undefined) {
    const pinned = parseSigningFingerprint(options.pinnedFingerprint);
    result.signedByPinnedKey = pinned.ok && signer.fingerprint === pinned.fingerprint;
    if (!pinned.ok) problems.push({ file: SIGNATURE_FILE, problem: 'signature', detail: `the pinned key cannot be checked: ${pinned.message}` });
    else if (!result.signedByPinnedKey) problems.push({ file: SIGNATURE_FILE, problem: 'signature', detail: `the pack was signed by ${signer.fingerprint ?? 'an unreadable key'}, not by the pinned key ${pinned.fingerprint}` });
  }
  if (signer.fingerprint !== null) result.trust = trustOf(signer.fingerprint, result, options, problems);
  result.ok = problems.length === 0;
  return result;
}

/**
 * Whether the signer is trusted. A pin decides alone (an auditor pins exactly the key they were
 * given); without one, this installation's key and the trusted signers are trusted, and any other
 * key is a problem, because anyone can sign a pack with a key of their own.
 */
function trustOf(fingerprint: string, result: PackVerification, options: VerifyOptions, problems: PackProblem[]): SignerTrust {
  if (result.signedByPinnedKey !== undefined) return { kind: result.signedByPinnedKey ? 'pinned' : 'not_pinned', name: null };
  if (result.signedByThisInstallation === true) return { kind: 'installation', name: null };
  const trusted = options.trustedSigners?.find((signer) => signer.fingerprint === fingerprint);
  if (trusted) return { kind: 'trusted_signer', name: trusted.name };
  problems.push({ file: SIGNATURE_FILE, problem: 'unknown_signer', detail: unknownSignerDetail(fingerprint) });
  return { kind: 'unknown', name: null };
}

/** The unknown-signer problem in words: the fingerprint, and the two ways to trust it once confirmed. */
export function unknownSignerDetail(fingerprint: string): string {
  return (
    `the pack is signed by an unknown key ${fingerprint}: it is neither this installation's key nor a trusted signer, so the signature proves nothing. ` +
    `Compare the fingerprint with the issuer by phone or mail; if it matches, trust it with "patchdesk evidence trust add ${fingerprint} --name NAME" (or Add a trusted signer in the Evidence step), or check this pack with --key ${fingerprint}`
  );
}

/** Checks manifest.sig against the manifest's key; returns the key's fingerprint when the key is readable. */
function checkSignature(manifest: Manifest, manifestBytes: Uint8Array, signatureBytes: Uint8Array | undefined, problems: PackProblem[]): { fingerprint: string | null; valid: boolean } {
  const rawKey = decodeBase64(manifest.signer.publicKey);
  if (!rawKey || rawKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    problems.push({ file: MANIFEST_FILE, problem: 'manifest', detail: `${MANIFEST_FILE} names no valid Ed25519 public key, so its signature cannot be checked` });
    return { fingerprint: null, valid: false };
  }
  const fingerprint = fingerprintOf(rawKey);
  if (manifest.signer.fingerprint !== fingerprint) {
    problems.push({ file: MANIFEST_FILE, problem: 'manifest', detail: `${MANIFEST_FILE} states the fingerprint ${manifest.signer.fingerprint}, but its public key's fingerprint is ${fingerprint}` });
  }
  if (!signatureBytes) {
    problems.push({ file: SIGNATURE_FILE, problem: 'signature', detail: `${SIGNATURE_FILE} is missing: the manifest is unsigned` });
    return { fingerprint, valid: false };
  }
  const signature = decodeBase64(new TextDecoder().decode(signatureBytes), '\n');
  if (!signature || !verifyEd25519(rawKey, manifestBytes, signature)) {
    problems.push({ file: MANIFEST_FILE, problem: 'signature', detail: `the signature in ${SIGNATURE_FILE} does not match ${MANIFEST_FILE}: one of them was changed after signing` });
    return { fingerprint, valid: false };
  }
  return { fingerprint, valid: true };
}

/** Compares every listed file with its hash and size, and flags files the manifest does not list. */
function checkFiles(manifest: Manifest, byPath: ReadonlyMap<string, Uint8Array>, problems: PackProblem[]): VerifiedFile[] {
  const files: VerifiedFile[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const bytes = byPath.get(entry.path);
    if (!bytes) {
      problems.push({ file: entry.path, problem: 'missing', detail: `${entry.path} is listed in the manifest but missing from the pack` });
      files.push({ path: entry.path, status: 'missing' });
      continue;
    }
    const actual = sha256Hex(bytes);
    if (bytes.length !== entry.size || actual !== entry.sha256) {
      const how = bytes.length !== entry.size ? `it is ${bytes.length} bytes, the manifest says ${entry.size}` : `its SHA-256 is ${actual}, the manifest says ${entry.sha256}`;
      problems.push({ file: entry.path, problem: 'changed', detail: `${entry.path} was changed: ${how}` });
      files.push({ path: entry.path, status: 'changed' });
      continue;
    }
    files.push({ path: entry.path, status: 'ok' });
  }
  for (const path of byPath.keys()) {
    if (listed.has(path) || path === MANIFEST_FILE || path === SIGNATURE_FILE) continue;
    problems.push({ file: path, problem: 'unexpected', detail: `${path} is in the pack but not in the manifest: it was added after signing` });
    files.push({ path, status: 'unexpected' });
  }
  return files;
}

/**
 * Exactly what the pack writes: canonical base64 (standard alphabet, padded) and, for a
 * signature file, one LF after it; anything else is null. Lenient decoders ignore stray bits
 * and whitespace, so a file could change without its decoded bytes changing, and a changed
 * file must never pass as intact.
 */
function decodeBase64(text: string, lineEnd = ''): Uint8Array | null {
  if (!text.endsWith(lineEnd)) return null;
  const body = text.slice(0, text.length - lineEnd.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  const bytes = Buffer.from(body, 'base64');
  return bytes.toString('base64') === body ? new Uint8Array(bytes) : null;
}

function failed(problems: PackProblem[]): PackVerification {
  return { ok: false, problems, manifest: null, files: [], fingerprint: null, signatureValid: false, trust: null };
}
