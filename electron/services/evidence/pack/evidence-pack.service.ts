/**
 * Exports evidence packs: builds the signed ZIP from the files the caller prepared (report,
 * data, log excerpt), writes it atomically, and records it with an audit entry. The pack is on
 * disk complete before it is recorded; if recording fails the file is removed again, so the list
 * of exported packs and the files handed out never disagree.
 */
import { rmSync } from 'node:fs';
import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { EvidenceRepository } from '../../../db/repositories/evidence.repository';
import type { SitesService } from '../../sites/sites.service';
import type { SigningKeyService } from '../signing/signing-key.service';
import { assembleEvidencePack } from './build-pack';
import type { PackFile } from './manifest';
import { nodePackFileSystem, writePackAtomically, type PackFileSystem } from './write-pack';
import { writeTransaction } from '../../../db/write-transaction';
import { actingActor } from '../../../platform/request-context';

export interface EvidencePackDeps {
  db: Db;
  evidence: EvidenceRepository;
  sites: SitesService;
  signingKey: SigningKeyService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  /** Tests pass a failing one to simulate a full disk. */
  fileSystem?: PackFileSystem;
}

/** What to export. */
export interface EvidencePackExport {
  siteId: number;
  /** Whole days (YYYY-MM-DD) in the site's time zone, both included. */
  period: { from: string; to: string };
  /** The ZIP file to write (replaced atomically if it exists). */
  outPath: string;
  /** The report, data files and log excerpt; the pack adds VERIFY.txt, manifest.json and manifest.sig. */
  files: readonly PackFile[];
  /**
   * The audit entry the pack's log excerpt ends with. Defaults to the log's newest entry; pass
   * the excerpt's last entry so packs of the same data are reproducible.
   */
  auditChainHead?: { id: number; hash: string };
  /** When the pack was built; defaults to now. Pass the report's own time so the two agree. */
  generatedAt?: string;
}

export class EvidencePackService {
  constructor(private readonly deps: EvidencePackDeps) {}

  /** A site's exported packs, newest first. */
  list(siteId: number): EvidencePackRecord[] {
    this.deps.sites.get(siteId);
    return this.deps.evidence.listPacks(siteId);
  }

  /** One exported pack's record. */
  get(id: number): EvidencePackRecord {
    const record = this.deps.evidence.getPack(id);
    if (!record) throw new AppError('not_found', `evidence pack ${id} does not exist`);
    return record;
  }

  /** Builds, writes and records a pack; refuses a bad period or path, and never leaves a partial file. */
  export(request: EvidencePackExport): EvidencePackRecord {
    const site = this.deps.sites.get(request.siteId);
    checkPeriod(request.period);
    if (request.outPath.trim() === '') throw new AppError('bad_request', 'say where to write the pack (an output file name)', [{ path: 'outPath', message: 'must not be empty' }]);
    const generatedAt = request.generatedAt ?? this.deps.clock.now().toISOString();
    const signer = this.deps.signingKey.signer();
    const auditChainHead = request.auditChainHead ?? this.deps.audit.chainHead();
    const pack = assembleEvidencePack(
      { files: request.files, meta: { siteName: site.name, period: { ...request.period, timezone: site.timezone }, generatedAt, generatedBy: actingActor(this.deps.actor), auditChainHead } },
      signer,
    );
    const written = writePackAtomically(request.outPath, pack.zip, this.deps.fileSystem ?? nodePackFileSystem);
    try {
      const id = writeTransaction(this.deps.db, () => {
        const packId = this.deps.evidence.insertPack({
          siteId: site.id,
          periodFrom: request.period.from,
          periodTo: request.period.to,
          generatedAt,
          generatedBy: actingActor(this.deps.actor),
          filePath: written.path,
          sizeBytes: written.size,
          manifestSha256: pack.manifestSha256,
          signerFingerprint: signer.fingerprint,
          auditHeadHash: auditChainHead.hash,
        });
        this.deps.audit.append({
          at: generatedAt,
          actor: actingActor(this.deps.actor),
          siteId: site.id,
          entityType: 'evidence',
          entityId: packId,
          action: 'evidence-pack-exported',
          details: { period: request.period, file: written.path, sizeBytes: written.size, manifestSha256: pack.manifestSha256, signerFingerprint: signer.fingerprint, auditChainHead, files: pack.manifest.files.map((file) => file.path) },
        });
        return packId;
      });
      const record = this.deps.evidence.getPack(id);
      if (!record) throw new Error(`evidence pack ${id} vanished after it was recorded`);
      return record;
    } catch (error) {
      rmSync(written.path, { force: true });
      throw error;
    }
  }
}

/** Both ends are real calendar days and the period does not run backwards. */
function checkPeriod(period: { from: string; to: string }): void {
  const issues: { path: string; message: string }[] = [];
  for (const end of ['from', 'to'] as const) {
    const value = period[end];
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) issues.push({ path: `period.${end}`, message: `"${value}" is not a date (YYYY-MM-DD)` });
  }
  if (issues.length === 0 && period.from > period.to) issues.push({ path: 'period.to', message: `the period ends (${period.to}) before it starts (${period.from})` });
  if (issues.length > 0) throw new AppError('bad_request', `the evidence period was refused: ${issues.map((issue) => issue.message).join('; ')}`, issues);
}
