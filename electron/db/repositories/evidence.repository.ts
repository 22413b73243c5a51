/** SQL for evidence packs: the installation's branding (one row) and the record of exported packs. */
import type { EvidencePackRecord, LogoMimeType } from '../../../shared/contract/evidence';
import type { Db } from '../database';

/** The stored branding, logo as raw bytes. */
export interface StoredBranding {
  mspName: string;
  contactLine: string;
  logo: { mimeType: LogoMimeType; bytes: Buffer } | null;
  updatedAt: string;
  updatedBy: string;
}

interface BrandingRow {
  msp_name: string;
  contact_line: string;
  logo_mime: LogoMimeType | null;
  logo: Buffer | null;
  updated_at: string;
  updated_by: string;
}

interface PackRow {
  id: number;
  site_id: number;
  period_from: string;
  period_to: string;
  generated_at: string;
  generated_by: string;
  file_path: string;
  size_bytes: number;
  manifest_sha256: string;
  signer_fingerprint: string;
  audit_head_hash: string;
}

export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  /** The branding, or undefined when it was never saved. */
  getBranding(): StoredBranding | undefined {
    const row = this.db.prepare<[], BrandingRow>('SELECT msp_name, contact_line, logo_mime, logo, updated_at, updated_by FROM evidence_branding WHERE id = 1').get();
    if (!row) return undefined;
    return {
      mspName: row.msp_name,
      contactLine: row.contact_line,
      logo: row.logo !== null && row.logo_mime !== null ? { mimeType: row.logo_mime, bytes: row.logo } : null,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Replaces the branding. */
  saveBranding(branding: StoredBranding): void {
    this.db
      .prepare(
        `INSERT INTO evidence_branding (id, msp_name, contact_line, logo_mime, logo, updated_at, updated_by) VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET msp_name = excluded.msp_name, contact_line = excluded.contact_line, logo_mime = excluded.logo_mime,
           logo = excluded.logo, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(branding.mspName, branding.contactLine, branding.logo?.mimeType ?? null, branding.logo?.bytes ?? null, branding.updatedAt, branding.updatedBy);
  }

  /** Records a written pack; returns its id. */
  insertPack(pack: Omit<EvidencePackRecord, 'id'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO evidence_packs (site_id, period_from, period_to, generated_at, generated_by, file_path, size_bytes, manifest_sha256, signer_fingerprint, audit_head_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(pack.siteId, pack.periodFrom, pack.periodTo, pack.generatedAt, pack.generatedBy, pack.filePath, pack.sizeBytes, pack.manifestSha256, pack.signerFingerprint, pack.auditHeadHash).lastInsertRowid,
    );
  }

  /** One recorded pack. */
  getPack(id: number): EvidencePackRecord | undefined {
    const row = this.db.prepare<[number], PackRow>('SELECT * FROM evidence_packs WHERE id = ?').get(id);
    return row ? toRecord(row) : undefined;
  }

  /** A site's packs, newest first. */
  listPacks(siteId: number): EvidencePackRecord[] {
    return this.db.prepare<[number], PackRow>('SELECT * FROM evidence_packs WHERE site_id = ? ORDER BY generated_at DESC, id DESC').all(siteId).map(toRecord);
  }
}

function toRecord(row: PackRow): EvidencePackRecord {
  return {
    id: row.id,
    siteId: row.site_id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    generatedAt: row.generated_at,
    generatedBy: row.generated_by,
    filePath: row.file_path,
    sizeBytes: row.size_bytes,
    manifestSha256: row.manifest_sha256,
    signerFingerprint: row.signer_fingerprint,
    auditHeadHash: row.audit_head_hash,
  };
}
