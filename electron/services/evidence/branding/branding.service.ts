/**
 * The MSP branding printed on evidence reports: name, contact line and logo. One set per
 * installation (the MSP's, not the client's); every change is audited, with the logo's hash
 * rather than its bytes.
 */
import type { Branding, BrandingUpdate, LogoMimeType } from '../../../../shared/contract/evidence';
import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { EvidenceRepository } from '../../../db/repositories/evidence.repository';
import { sha256Hex } from '../pack/manifest';
import { checkLogo } from './logo';
import { writeTransaction } from '../../../db/write-transaction';
import { actingActor } from '../../../platform/request-context';

export interface BrandingDeps {
  db: Db;
  evidence: EvidenceRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

/** Branding as a report needs it: the logo as bytes. */
export interface ReportBranding {
  mspName: string;
  contactLine: string;
  logo: { mimeType: LogoMimeType; bytes: Buffer } | null;
}

export class BrandingService {
  constructor(private readonly deps: BrandingDeps) {}

  /** The branding; empty (no name, no logo) until first saved. */
  get(): Branding {
    const stored = this.deps.evidence.getBranding();
    if (!stored) return { mspName: '', contactLine: '', logo: null, updatedAt: null, updatedBy: '' };
    return { ...stored, logo: stored.logo ? { mimeType: stored.logo.mimeType, base64: stored.logo.bytes.toString('base64') } : null };
  }

  /** Replaces the branding; a logo that is not a complete PNG/JPEG of at most 512 KB is refused, saying why. */
  set(update: BrandingUpdate): Branding {
    const logo = update.logo ? checkLogo(update.logo) : null;
    const now = this.deps.clock.now().toISOString();
    writeTransaction(this.deps.db, () => {
      this.deps.evidence.saveBranding({ mspName: update.mspName, contactLine: update.contactLine, logo: logo ? { mimeType: logo.mimeType, bytes: logo.bytes } : null, updatedAt: now, updatedBy: actingActor(this.deps.actor) });
      this.deps.audit.append({
        at: now,
        actor: actingActor(this.deps.actor),
        siteId: null,
        entityType: 'evidence',
        entityId: null,
        action: 'branding-updated',
        details: { mspName: update.mspName, contactLine: update.contactLine, logo: logo ? { mimeType: logo.mimeType, sizeBytes: logo.bytes.length, width: logo.width, height: logo.height, sha256: sha256Hex(logo.bytes) } : null },
      });
    });
    return this.get();
  }

  /** The branding for a report, logo decoded. */
  forReport(): ReportBranding {
    const stored = this.deps.evidence.getBranding();
    return { mspName: stored?.mspName ?? '', contactLine: stored?.contactLine ?? '', logo: stored?.logo ?? null };
  }
}
