/**
 * The pack manifest: every file in the pack with its size and SHA-256, plus what the pack is
 * about (site, period, audit chain head) and who signed it. It is written as canonical JSON and
 * `manifest.sig` is the Ed25519 signature of exactly those bytes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { APP_VERSION } from '../../../platform/version';
import type { PublicKeyInfo } from '../signing/ed25519';
import { canonicalJsonBytes, compareCodePoints } from './canonical-json';
import { collisionKey, entryNameProblem } from './entry-name';

/** The manifest's and the signature's names inside the pack. */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
/** Names a caller may not use for its own files (the pack writes them). */
export const RESERVED_NAMES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE];

/** Identifies a Patchdesk evidence pack and the layout of its manifest. */
export const PACK_FORMAT = 'patchdesk-evidence-pack';
export const PACK_FORMAT_VERSION = 1;

/** One file to put in a pack. */
export interface PackFile {
  /** Relative path inside the pack, `/`-separated (see entry-name.ts). */
  path: string;
  bytes: Uint8Array;
}

/** What a pack is about, printed in the manifest. */
export interface PackMeta {
  siteName: string;
  /** Whole days in the site's time zone, both ends included. */
  period: { from: string; to: string; timezone: string };
  /** When the pack was built (ISO-8601 UTC); also the ZIP entries' modification time. */
  generatedAt: string;
  generatedBy: string;
  /** The audit log entry the pack's excerpt ends with, and its hash. */
  auditChainHead: { id: number; hash: string };
}

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

const ManifestEntry = z.object({
  path: z.string().superRefine((path, context) => {
    const problem = entryNameProblem(path);
    if (problem) context.addIssue({ code: 'custom', message: `"${path}": ${problem}` });
    if (RESERVED_NAMES.includes(path)) context.addIssue({ code: 'custom', message: `"${path}" is reserved for the manifest and its signature` });
  }),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

/** The manifest as read back; unknown fields are refused so nothing unsigned-looking hides in it. */
export const ManifestSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.number().int().positive(),
    generator: z.object({ name: z.string(), version: z.string() }).strict(),
    site: z.object({ name: z.string() }).strict(),
    period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }).strict(),
    generatedAt: z.string(),
    generatedBy: z.string(),
    auditChainHead: z.object({ id: z.number().int().nonnegative(), hash: Sha256Hex }).strict(),
    signer: z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string(), fingerprint: z.string() }).strict(),
    files: z.array(ManifestEntry.strict()),
  })
  .strict()
  .superRefine((manifest, context) => {
    const seen = new Set<string>();
    manifest.files.forEach((file, index) => {
      const key = collisionKey(file.path);
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `"${file.path}" is listed twice` });
      seen.add(key);
    });
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** Lowercase hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest for these files (sorted by path) and this signer. */
export function createManifest(files: readonly PackFile[], meta: PackMeta, signer: PublicKeyInfo): Manifest {
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    generator: { name: 'Patchdesk', version: APP_VERSION },
    site: { name: meta.siteName },
    period: { from: meta.period.from, to: meta.period.to, timezone: meta.period.timezone },
    generatedAt: meta.generatedAt,
    generatedBy: meta.generatedBy,
    auditChainHead: { id: meta.auditChainHead.id, hash: meta.auditChainHead.hash },
    signer: { algorithm: 'Ed25519', publicKey: signer.publicKey, fingerprint: signer.fingerprint },
    files: [...files]
      .sort((a, b) => compareCodePoints(a.path, b.path))
      .map((file) => ({ path: file.path, size: file.bytes.length, sha256: sha256Hex(file.bytes) })),
  };
}

/** The exact bytes that are signed and stored as manifest.json. */
export function serialiseManifest(manifest: Manifest): Uint8Array {
  return canonicalJsonBytes(manifest);
}

/** Reads manifest.json back; the reason names what is wrong when it is not a valid manifest. */
export function parseManifest(bytes: Uint8Array): { ok: true; manifest: Manifest } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, reason: `it is not valid UTF-8 JSON (${(error as Error).message})` };
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > PACK_FORMAT_VERSION) {
    return { ok: false, reason: `it has format version ${version}, written by a newer Patchdesk (this one reads version ${PACK_FORMAT_VERSION}): update Patchdesk to verify it` };
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    return { ok: false, reason: `it is not a Patchdesk evidence manifest (${issues.join('; ')})` };
  }
  return { ok: true, manifest: parsed.data };
}
