/**
 * Signed intel bundles: the current feed files, exactly as imported, in one ZIP a technician
 * carries to an offline site. The bundle uses the evidence pack's mechanism: a canonical JSON
 * manifest (every file's size and SHA-256 and its provenance), `manifest.sig` with the
 * installation's Ed25519 evidence signing key, a deterministic ZIP written atomically. Importing a
 * bundle fails closed with the same trust rules as `patchdesk verify`: the signer must be this
 * installation, a trusted signer (`patchdesk evidence trust add`), or the key pinned for this
 * import; any other signer, a changed, missing or added file refuses the whole bundle before
 * anything is imported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { IntelFeedKind, type IntelBundleImportResult, type IntelFeed } from '../../../../shared/contract/intel';
import { parseSigningFingerprint } from '../../../../shared/domain/evidence/signing-fingerprint';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import { APP_VERSION } from '../../../platform/version';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { IntelRepository } from '../../../db/repositories/intel.repository';
import { writeTransaction } from '../../../db/write-transaction';
import { canonicalJsonBytes } from '../../evidence/pack/canonical-json';
import { sha256Hex } from '../../evidence/pack/manifest';
import { writePackAtomically } from '../../evidence/pack/write-pack';
import { readZip, zipDeterministic, ZipReadError } from '../../evidence/pack/zip';
import { ED25519_PUBLIC_KEY_BYTES, fingerprintOf, verifyEd25519 } from '../../evidence/signing/ed25519';
import type { SigningKeyService } from '../../evidence/signing/signing-key.service';
import type { TrustedSignersService } from '../../evidence/signing/trusted-signers.service';
import { BUNDLE_FORMAT, BUNDLE_MANIFEST, BUNDLE_SIGNATURE } from './bundle-format';
import { storedFeedName, type IntelImportService } from './intel-import.service';
import { actingActor } from '../../../platform/request-context';

const BUNDLE_FORMAT_VERSION = 1;
/** Far above the feeds' sizes (the Debian tracker is 50-70 MB, an OSV all.zip a few hundred). */
const BUNDLE_LIMITS = { maxEntries: 1_000, maxTotalBytes: 4 * 1024 ** 3 };

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const BundleFeed = z
  .object({
    path: z.string().regex(/^feeds\/[0-9a-f]{64}\.feed$/),
    kind: IntelFeedKind,
    scope: z.string(),
    fileName: z.string().min(1).max(255),
    sourceUrl: z.string().nullable(),
    retrievedAt: z.string(),
    sha256: Sha256Hex,
    size: z.number().int().nonnegative(),
    feedVersion: z.string().nullable(),
    feedDate: z.string().nullable(),
    recordCount: z.number().int().nonnegative(),
  })
  .strict();
const BundleManifest = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    generator: z.object({ name: z.string(), version: z.string() }).strict(),
    generatedAt: z.string(),
    generatedBy: z.string(),
    signer: z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string(), fingerprint: z.string() }).strict(),
    feeds: z.array(BundleFeed),
  })
  .strict();
type BundleManifest = z.infer<typeof BundleManifest>;

export interface IntelBundleDeps {
  db: Db;
  intel: IntelRepository;
  imports: IntelImportService;
  signingKey: SigningKeyService;
  trustedSigners: TrustedSignersService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  storeDir: string;
}

export class IntelBundleService {
  constructor(private readonly deps: IntelBundleDeps) {}

  /** Writes a bundle of every current feed to `outPath`; returns where, its size and what it holds. */
  write(outPath: string): { path: string; size: number; feeds: IntelFeed[]; fingerprint: string } {
    const feeds = this.deps.intel.feeds();
    if (feeds.length === 0) throw new AppError('bad_request', 'there are no imported feeds to bundle: import or fetch some first ("patchdesk intel import FILE" or "patchdesk intel fetch")');
    const files = feeds.map((feed) => {
      const stored = join(this.deps.storeDir, storedFeedName(feed.sha256));
      if (!existsSync(stored)) throw new AppError('unavailable', `the copy of ${feed.fileName} (${feed.kind}, SHA-256 ${feed.sha256}) is missing from ${this.deps.storeDir}: import that file again, then bundle`);
      const bytes = readFileSync(stored);
      if (sha256Hex(bytes) !== feed.sha256) throw new AppError('unavailable', `the copy of ${feed.fileName} in ${stored} no longer matches its SHA-256: import that file again, then bundle`);
      return { feed, bytes, path: `feeds/${storedFeedName(feed.sha256)}` };
    });
    const signer = this.deps.signingKey.signer();
    const generatedAt = this.deps.clock.now();
    const unique = new Map(files.map((file) => [file.path, file]));
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      generator: { name: 'Patchdesk', version: APP_VERSION },
      generatedAt: generatedAt.toISOString(),
      generatedBy: actingActor(this.deps.actor),
      signer: { algorithm: 'Ed25519', publicKey: signer.publicKey, fingerprint: signer.fingerprint },
      feeds: files.map(({ feed, path }) => ({
        path,
        kind: feed.kind,
        scope: feed.scope,
        fileName: feed.fileName,
        sourceUrl: feed.sourceUrl,
        retrievedAt: feed.retrievedAt,
        sha256: feed.sha256,
        size: feed.sizeBytes,
        feedVersion: feed.feedVersion,
        feedDate: feed.feedDate,
        recordCount: feed.recordCount,
      })),
    };
    const manifestBytes = canonicalJsonBytes(manifest);
    const signature = new TextEncoder().encode(`${Buffer.from(signer.sign(manifestBytes)).toString('base64')}\n`);
    const zip = zipDeterministic(
      [...[...unique.values()].map((file) => ({ path: file.path, bytes: file.bytes })), { path: BUNDLE_MANIFEST, bytes: manifestBytes }, { path: BUNDLE_SIGNATURE, bytes: signature }],
      generatedAt,
    );
    const written = writePackAtomically(outPath, zip);
    writeTransaction(this.deps.db, () => {
      this.deps.audit.append({ at: generatedAt.toISOString(), actor: actingActor(this.deps.actor), siteId: null, entityType: 'intel', entityId: null, action: 'intel-bundle-written', details: { file: written.path, size: written.size, manifestSha256: sha256Hex(manifestBytes), feeds: feeds.map((feed) => ({ kind: feed.kind, sha256: feed.sha256 })) } });
    });
    return { ...written, feeds, fingerprint: signer.fingerprint };
  }

  /**
   * Verifies a bundle and imports its feeds, oldest kind first as listed. Nothing is imported
   * unless every file matches the signed manifest and the signer is trusted. A feed older than
   * the one already imported is kept out (named in `skipped`), not an error: the site has newer data.
   */
  async import(bytes: Uint8Array, name: string, options: { pinnedFingerprint?: string } = {}): Promise<IntelBundleImportResult> {
    const { manifest, files, fingerprint, trust } = this.verify(bytes, name, options);
    const results: IntelBundleImportResult['imported'] = [];
    const skipped: IntelBundleImportResult['skipped'] = [];
    for (const feed of manifest.feeds) {
      try {
        results.push(await this.deps.imports.importBytes(feed.fileName, files.get(feed.path) as Uint8Array, { sourceUrl: feed.sourceUrl, retrievedAt: feed.retrievedAt, fileName: feed.fileName }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') skipped.push({ fileName: feed.fileName, kind: feed.kind, reason: error.message });
        else throw error;
      }
    }
    return { signer: { fingerprint, trust }, generatedAt: manifest.generatedAt, imported: results, skipped };
  }

  private verify(bytes: Uint8Array, name: string, options: { pinnedFingerprint?: string }): { manifest: BundleManifest; files: Map<string, Uint8Array>; fingerprint: string; trust: IntelBundleImportResult['signer']['trust'] } {
    const refuse = (reason: string) => new AppError('bad_request', `${name} was refused: ${reason}; nothing was imported`);
    let entries;
    try {
      entries = readZip(bytes, BUNDLE_LIMITS);
    } catch (error) {
      throw refuse(error instanceof ZipReadError ? `it is not a readable bundle (${error.message})` : String(error));
    }
    const byPath = new Map(entries.map((entry) => [entry.path, entry.bytes]));
    const manifestBytes = byPath.get(BUNDLE_MANIFEST);
    const signatureBytes = byPath.get(BUNDLE_SIGNATURE);
    if (!manifestBytes || !signatureBytes) throw refuse(`it has no ${!manifestBytes ? BUNDLE_MANIFEST : BUNDLE_SIGNATURE}, so it is not a signed Patchdesk intel bundle`);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
    } catch {
      throw refuse(`its ${BUNDLE_MANIFEST} is not UTF-8 JSON`);
    }
    if ((json as { format?: unknown } | null)?.format === 'patchdesk-evidence-pack') throw refuse('it is an evidence pack, not an intel bundle (check it with "patchdesk verify")');
    const parsed = BundleManifest.safeParse(json);
    if (!parsed.success) throw refuse(`its ${BUNDLE_MANIFEST} is not a Patchdesk intel bundle manifest (${parsed.error.issues.slice(0, 2).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`);
    const manifest = parsed.data;
    const rawKey = Buffer.from(manifest.signer.publicKey, 'base64');
    if (rawKey.length !== ED25519_PUBLIC_KEY_BYTES || rawKey.toString('base64') !== manifest.signer.publicKey) throw refuse('its manifest names no valid Ed25519 public key');
    const fingerprint = fingerprintOf(rawKey);
    if (fingerprint !== manifest.signer.fingerprint) throw refuse(`its manifest states the fingerprint ${manifest.signer.fingerprint}, but its key's fingerprint is ${fingerprint}`);
    const signatureText = new TextDecoder().decode(signatureBytes);
    const signature = /^[A-Za-z0-9+/]+={0,2}\n$/.test(signatureText) ? Buffer.from(signatureText.slice(0, -1), 'base64') : Buffer.alloc(0);
    if (!verifyEd25519(rawKey, manifestBytes, signature)) throw refuse(`the signature in ${BUNDLE_SIGNATURE} does not match ${BUNDLE_MANIFEST}: one of them was changed after signing`);
    const trust = this.trustOf(fingerprint, options.pinnedFingerprint, refuse);
    const listed = new Set<string>([BUNDLE_MANIFEST, BUNDLE_SIGNATURE]);
    for (const feed of manifest.feeds) {
      listed.add(feed.path);
      const content = byPath.get(feed.path);
      if (!content) throw refuse(`${feed.path} (${feed.fileName}) is listed in the manifest but missing`);
      if (content.length !== feed.size || sha256Hex(content) !== feed.sha256) throw refuse(`${feed.path} (${feed.fileName}) was changed after signing: its size or SHA-256 does not match the manifest`);
    }
    for (const path of byPath.keys()) if (!listed.has(path)) throw refuse(`${path} is in the bundle but not in the manifest: it was added after signing`);
    return { manifest, files: byPath, fingerprint, trust };
  }

  /** The trust rules of `patchdesk verify`: a pin decides alone; else this installation or a trusted signer. */
  private trustOf(fingerprint: string, pinned: string | undefined, refuse: (reason: string) => AppError): IntelBundleImportResult['signer']['trust'] {
    if (pinned !== undefined) {
      const parsed = parseSigningFingerprint(pinned);
      if (!parsed.ok) throw new AppError('bad_request', `--key: ${parsed.message}`);
      if (parsed.fingerprint !== fingerprint) throw refuse(`it was signed by ${fingerprint}, not by the pinned key ${parsed.fingerprint}`);
      return { kind: 'pinned', name: null };
    }
    if (this.deps.signingKey.installationFingerprint() === fingerprint) return { kind: 'installation', name: null };
    const trusted = this.deps.trustedSigners.list().find((signer) => signer.fingerprint === fingerprint);
    if (trusted) return { kind: 'trusted_signer', name: trusted.name };
    throw refuse(
      `it is signed by an unknown key ${fingerprint}: neither this installation's key nor a trusted signer, so the signature proves nothing. ` +
        `Compare the fingerprint with whoever made the bundle by phone or mail; if it matches, trust it with "patchdesk evidence trust add ${fingerprint} --name NAME", or import with --key ${fingerprint}`,
    );
  }
}
