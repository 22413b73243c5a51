/**
 * Imports vulnerability feed files: detects the feed from its content, parses it, and writes it
 * in one write transaction with its provenance (file, address, retrieval time, SHA-256, the
 * feed's own version and date) and an audit entry. A truncated or foreign file is refused with
 * its name and the reason, and nothing is written. The same bytes imported again change nothing.
 * A copy of each imported file is kept in the data folder (one per SHA-256), so `intel bundle`
 * can carry the exact files to an offline site.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, createReadStream, existsSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { IntelFeed, IntelImportResult } from '../../../../shared/contract/intel';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../../platform/private-files';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { IntelImportRepository } from '../../../db/repositories/intel-import.repository';
import type { IntelRepository } from '../../../db/repositories/intel.repository';
import { writeTransaction } from '../../../db/write-transaction';
import { looksLikeBundle } from './bundle-format';
import { planDebianTrackerImport } from './debian-tracker.import';
import { DETECT_BYTES, detectFeedShape, type FeedShape } from './detect-feed';
import { FeedFormatError } from './feed-error';
import type { ImportPlan } from './import-plan';
import { planEpssImport } from './epss.import';
import { planKevImport } from './kev.import';
import { planMsrcImport } from './msrc.import';
import { planNvdImport } from './nvd.import';
import { planOsvRecordImport, planOsvZipImport } from './osv.import';
import { actingActor } from '../../../platform/request-context';

/** Where a file came from, when the importer cannot see it for itself. */
export interface FeedProvenance {
  /** The address it was downloaded from (null or absent: a file the user supplied). */
  sourceUrl?: string | null;
  /** When it was retrieved (default: the file's modification time, or now for bytes). */
  retrievedAt?: string;
  /** The name to record (default: the file's base name). */
  fileName?: string;
}

export interface IntelImportDeps {
  /** Called after a feed is imported (starts every site's CVE mapping job). */
  feedsChanged?: () => void;
  db: Db;
  imports: IntelImportRepository;
  intel: IntelRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  /** Where copies of imported feed files are kept (`<data folder>/intel-feeds`). */
  storeDir: string;
  /** Plans that replace or add to the built-in ones (a ZIP that is a signed bundle, in tests a failing one). */
  planners?: Partial<Record<FeedShape, FeedPlanner>>;
}

/** Builds the plan for one file of a shape. */
export type FeedPlanner = (source: FeedSource) => Promise<ImportPlan>;

/** One file as the planners see it. */
export interface FeedSource {
  /** How to name the file in messages. */
  what: string;
  /** The whole file's bytes (read on demand; a big EPSS file is streamed instead). */
  bytes(): Uint8Array;
  /** The file as a stream of bytes. */
  stream(): Readable;
}

/**
 * The largest file of each shape Patchdesk reads, far above the real feeds (KEV about 1.5 MB, an
 * NVD page of 2,000 records about 30 MB, the Debian tracker 50-70 MB, EPSS 10 MB compressed, an
 * OSV all.zip a few hundred MB). A bigger file is refused before it is read: it is not that feed,
 * and JSON parsed whole must stay far below the engine's string limit.
 */
export const MAX_FEED_BYTES: Record<FeedShape, number> = {
  kev: 64 * 1024 ** 2,
  nvd: 256 * 1024 ** 2,
  osv: 64 * 1024 ** 2,
  msrc: 256 * 1024 ** 2,
  'debian-tracker': 1024 ** 3,
  epss: 1024 ** 3,
  'epss-gzip': 256 * 1024 ** 2,
  zip: 2 * 1024 ** 3,
};

/** The store's file name for some bytes. */
export function storedFeedName(sha256: string): string {
  return `${sha256}.feed`;
}

export class IntelImportService {
  private readonly planners: Partial<Record<FeedShape, FeedPlanner>>;

  constructor(private readonly deps: IntelImportDeps) {
    this.planners = {
      kev: async (source) => planKevImport(parseJson(source), source.what),
      'debian-tracker': async (source) => planDebianTrackerImport(source.bytes(), source.what),
      epss: (source) => planEpssImport(source, false),
      'epss-gzip': (source) => planEpssImport(source, true),
      nvd: async (source) => planNvdImport(parseJson(source), source.what),
      osv: async (source) => planOsvRecordImport(parseJson(source), source.what),
      zip: async (source) => {
        if (looksLikeBundle(source.bytes())) throw new FeedFormatError(`${source.what} is a signed intel bundle (or an evidence pack), not a feed: import it as a bundle, which verifies its signature first`);
        return planOsvZipImport(source.bytes(), source.what);
      },
      msrc: async (source) => planMsrcImport(parseJson(source), source.what),
      ...deps.planners,
    };
  }

  /** Imports a file from disk. */
  async importFile(path: string, provenance: FeedProvenance = {}): Promise<IntelImportResult> {
    let size: number;
    let modifiedAt: Date;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new AppError('bad_request', `${path} is not a file`);
      size = stat.size;
      modifiedAt = stat.mtime;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('bad_request', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    let cached: Uint8Array | undefined;
    return this.importSource(
      {
        fileName: provenance.fileName ?? basename(path),
        size,
        sha256: () => hashFile(path),
        head: readHead(path),
        bytes: () => (cached ??= readFileSync(path)),
        stream: () => createReadStream(path),
        keep: (target) => copyFileSync(path, target),
      },
      { sourceUrl: provenance.sourceUrl ?? null, retrievedAt: provenance.retrievedAt ?? modifiedAt.toISOString() },
    );
  }

  /** Imports a file's bytes (the app's import channel, a bundle's files). */
  async importBytes(fileName: string, bytes: Uint8Array, provenance: FeedProvenance = {}): Promise<IntelImportResult> {
    return this.importSource(
      {
        fileName: provenance.fileName ?? fileName,
        size: bytes.length,
        sha256: async () => createHash('sha256').update(bytes).digest('hex'),
        head: bytes.subarray(0, DETECT_BYTES),
        bytes: () => bytes,
        stream: () => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
        keep: (target) => writeFileSync(target, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' }),
      },
      { sourceUrl: provenance.sourceUrl ?? null, retrievedAt: provenance.retrievedAt ?? this.deps.clock.now().toISOString() },
    );
  }

  private async importSource(file: SourceFile, provenance: { sourceUrl: string | null; retrievedAt: string }): Promise<IntelImportResult> {
    const what = file.fileName;
    let plan: ImportPlan;
    try {
      const shape = detectFeedShape(file.head, what);
      if (file.size > MAX_FEED_BYTES[shape]) throw new FeedFormatError(`${what} is ${megabytes(file.size)}, far larger than any ${shape === 'zip' ? 'OSV all.zip' : shape} file (at most ${megabytes(MAX_FEED_BYTES[shape])}): not that feed`);
      const planner = this.planners[shape];
      if (!planner) throw new FeedFormatError(shape === 'zip' ? `${what} is a ZIP archive, but not an OSV all.zip or a Patchdesk intel bundle` : `${what} is a ${shape} file, which this build cannot import`);
      plan = await planner({ what, bytes: file.bytes, stream: file.stream });
    } catch (error) {
      throw refusal(error, what);
    }

    const sha256 = await file.sha256();
    const already = this.deps.imports.currentWithSha256(plan.kind, sha256);
    if (already) return { outcome: 'unchanged', feed: already, superseded: [] };

    const stored = this.keepCopy(file, sha256);
    const importedAt = this.deps.clock.now().toISOString();
    try {
      const result = writeTransaction(this.deps.db, (): { unchanged: IntelFeed } | { feedId: number; superseded: number[] } => {
        // Checked again under the write lock: another process may have imported the same file meanwhile.
        const raced = this.deps.imports.currentWithSha256(plan.kind, sha256);
        if (raced) return { unchanged: raced };
        const previous = this.deps.imports.current(plan.kind, plan.scope);
        if (plan.mode === 'replace') refuseOlder(plan, provenance.retrievedAt, previous.at(-1), what);
        const feedId = this.deps.imports.insertFeed({
          kind: plan.kind,
          scope: plan.scope,
          fileName: file.fileName,
          sourceUrl: provenance.sourceUrl,
          retrievedAt: provenance.retrievedAt,
          sha256,
          sizeBytes: file.size,
          feedVersion: plan.feedVersion,
          feedDate: plan.feedDate,
          importedAt,
          importedBy: actingActor(this.deps.actor),
        });
        if (plan.mode === 'replace') plan.clear?.(this.deps.imports);
        const outcome = plan.write(this.deps.imports, feedId);
        const warnings = [...plan.warnings, ...outcome.warnings];
        this.deps.imports.finishFeed(feedId, outcome.recordCount, warnings, outcome.feedDate);
        const superseded = plan.mode === 'replace' ? previous.map((feed) => feed.id) : [];
        this.deps.imports.supersede(superseded, feedId, importedAt);
        this.deps.audit.append({
          at: importedAt,
          actor: actingActor(this.deps.actor),
          siteId: null,
          entityType: 'intel',
          entityId: feedId,
          action: 'intel-feed-imported',
          details: { kind: plan.kind, scope: plan.scope, file: file.fileName, sourceUrl: provenance.sourceUrl, sha256, feedVersion: plan.feedVersion, feedDate: outcome.feedDate ?? plan.feedDate, records: outcome.recordCount, superseded },
        });
        return { feedId, superseded };
      });
      if ('unchanged' in result) return { outcome: 'unchanged', feed: result.unchanged, superseded: [] };
      const feed = this.deps.intel.feed(result.feedId);
      if (!feed) throw new Error(`feed ${result.feedId} vanished after its import`);
      this.deps.feedsChanged?.();
      return { outcome: 'imported', feed, superseded: result.superseded };
    } catch (error) {
      if (stored.created) removeQuietly(stored.path);
      throw refusal(error, what);
    }
  }

  /** Keeps the file's bytes under its SHA-256 (once); says whether this call created the copy. */
  private keepCopy(file: SourceFile, sha256: string): { path: string; created: boolean } {
    const path = join(this.deps.storeDir, storedFeedName(sha256));
    if (existsSync(path)) return { path, created: false };
    try {
      ensurePrivateDir(this.deps.storeDir);
      // Written aside and renamed, so a process importing the same file at the same time never sees half of it.
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        file.keep(temp);
        chmodSync(temp, PRIVATE_FILE_MODE);
        renameSync(temp, path);
      } finally {
        removeQuietly(temp);
      }
      return { path, created: true };
    } catch (error) {
      throw new AppError('storage', `cannot keep a copy of ${file.fileName} in ${this.deps.storeDir}: ${(error as Error).message}; nothing was imported`);
    }
  }
}

interface SourceFile {
  fileName: string;
  size: number;
  /** Computed once the file is known to be a feed (hashing reads it all). */
  sha256(): Promise<string>;
  head: Uint8Array;
  bytes(): Uint8Array;
  stream(): Readable;
  keep(target: string): void;
}

/** Parses a source's bytes as JSON; a syntax error is a truncated or damaged file. */
export function parseJson(source: FeedSource): unknown {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(source.bytes()).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /end of (JSON )?input|Unterminated/i.test(message);
    throw new FeedFormatError(truncated ? `${source.what} is truncated: its JSON ends early (${message})` : `${source.what} is not valid JSON: ${message}`);
  }
}

/** A replace plan must not put an older feed over a newer one. */
/**
 * A replace plan must not put an older feed over a newer one. Feeds are compared by their own
 * dates; a feed without one (the Debian tracker) by retrieval time, so an old bundle carried to a
 * site cannot roll back what the site fetched since.
 */
function refuseOlder(plan: ImportPlan, retrievedAt: string, current: IntelFeed | undefined, what: string): void {
  if (!current) return;
  if (plan.feedDate !== null && current.feedDate !== null) {
    if (Date.parse(plan.feedDate) < Date.parse(current.feedDate)) throw new AppError('conflict', `${what} is dated ${plan.feedDate}, older than the ${plan.kind} feed already imported (${current.feedDate}); nothing was imported`);
    return;
  }
  if (plan.feedDate === null && current.feedDate === null && Date.parse(retrievedAt) < Date.parse(current.retrievedAt)) {
    throw new AppError('conflict', `${what} was retrieved ${retrievedAt}, before the ${plan.kind} feed already imported (retrieved ${current.retrievedAt}); nothing was imported`);
  }
}

/** Any failure as the error the caller shows: bad input names the file and says nothing was imported. */
function refusal(error: unknown, what: string): Error {
  if (error instanceof FeedFormatError) return new AppError('bad_request', `${error.message}; nothing was imported`);
  if (error instanceof AppError) return error;
  return new AppError('internal', `importing ${what} failed: ${(error as Error).message}; nothing was imported`);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(DETECT_BYTES);
    const read = readSync(fd, buffer, 0, DETECT_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never written, or already gone.
  }
}
