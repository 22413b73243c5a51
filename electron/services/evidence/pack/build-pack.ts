/**
 * Assembles an evidence pack in memory: the caller's files plus VERIFY.txt, the manifest that
 * hashes them all, its signature, zipped deterministically. Nothing here touches the disk; see
 * write-pack.ts for that.
 */
import { AppError } from '../../../platform/app-error';
import type { EvidenceSigner } from '../signing/installation-key';
import { collisionKey, entryNameProblem } from './entry-name';
import { createManifest, MANIFEST_FILE, RESERVED_NAMES, serialiseManifest, sha256Hex, SIGNATURE_FILE, type Manifest, type PackFile, type PackMeta } from './manifest';
import { verifyInstructions, VERIFY_FILE } from './verify-instructions';
import { zipDeterministic } from './zip';

/** What a pack is made of. */
export interface EvidencePackInput {
  files: readonly PackFile[];
  meta: PackMeta;
}

/** A built pack and the facts worth recording about it. */
export interface AssembledPack {
  /** The ZIP file's bytes. */
  zip: Uint8Array;
  manifest: Manifest;
  /** The exact signed bytes of manifest.json. */
  manifestBytes: Uint8Array;
  /** SHA-256 (hex) of manifestBytes. */
  manifestSha256: string;
}

/** Builds the pack's ZIP bytes. */
export function buildEvidencePack(input: EvidencePackInput, signer: EvidenceSigner): Uint8Array {
  return assembleEvidencePack(input, signer).zip;
}

/** Builds the pack and returns it with its manifest; refuses bad file names and bad dates, naming them. */
export function assembleEvidencePack(input: EvidencePackInput, signer: EvidenceSigner): AssembledPack {
  checkFiles(input.files);
  const generatedAt = new Date(input.meta.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new AppError('bad_request', `the pack's generation time "${input.meta.generatedAt}" is not a valid timestamp`, [{ path: 'meta.generatedAt', message: 'not a timestamp' }]);
  const files = [...input.files, { path: VERIFY_FILE, bytes: new TextEncoder().encode(verifyInstructions(signer)) }];
  const manifest = createManifest(files, input.meta, signer);
  const manifestBytes = serialiseManifest(manifest);
  const signature = `${Buffer.from(signer.sign(manifestBytes)).toString('base64')}\n`;
  const zip = zipDeterministic(
    [...files, { path: MANIFEST_FILE, bytes: manifestBytes }, { path: SIGNATURE_FILE, bytes: new TextEncoder().encode(signature) }],
    generatedAt,
  );
  return { zip, manifest, manifestBytes, manifestSha256: sha256Hex(manifestBytes) };
}

function checkFiles(files: readonly PackFile[]): void {
  const seen = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  files.forEach((file, index) => {
    const problem = entryNameProblem(file.path);
    if (problem) issues.push({ path: `files.${index}.path`, message: `"${file.path}": ${problem}` });
    else if (RESERVED_NAMES.includes(file.path) || file.path === VERIFY_FILE) issues.push({ path: `files.${index}.path`, message: `"${file.path}" is written by the pack itself` });
    const key = collisionKey(file.path);
    const earlier = seen.get(key);
    if (earlier !== undefined) issues.push({ path: `files.${index}.path`, message: `"${file.path}" clashes with "${earlier}"` });
    seen.set(key, file.path);
  });
  if (issues.length > 0) throw new AppError('bad_request', `cannot build the evidence pack: ${issues.map((issue) => issue.message).join('; ')}`, issues);
}
