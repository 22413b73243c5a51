/**
 * The evidence pack end to end: reads the period's compliance detail, exception register, cycles
 * and audit excerpt, fills the report, renders the PDF and the data files, and hands them to the
 * pack service, which signs, writes atomically and records. The desktop app, the browser host and
 * `patchdesk evidence` all come through here, so every surface produces the same pack.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { PRIVATE_DIR_MODE } from '../../platform/private-files';
import { join } from 'node:path';
import type { CycleDetail } from '../../../shared/contract/cycles';
import type { EvidenceExportPhase, EvidencePackRecord, EvidencePreview, EvidenceVerification } from '../../../shared/contract/evidence';
import { defaultEvidencePeriod } from '../../../shared/domain/evidence/default-period';
import { parseInstant } from '../../../shared/domain/sla/local-time';
import { AppError } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import { APP_VERSION } from '../../platform/version';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { ComplianceService } from '../compliance/compliance.service';
import type { CyclesService } from '../cycles/cycles.service';
import type { ExceptionRegisterService } from '../exceptions/exception-register.service';
import type { SitesService } from '../sites/sites.service';
import type { BrandingService } from './branding/branding.service';
import { evidenceDataFiles } from './data-files/evidence-data-files';
import type { DeploymentRow, EvidenceReport, KnownExploitedEvidence } from './evidence-report';
import type { EvidencePackService } from './pack/evidence-pack.service';
import { MANIFEST_FILE, SIGNATURE_FILE, type PackFile } from './pack/manifest';
import { verifyEvidencePack } from './pack/verify-pack';
import { renderEvidencePdf } from './pdf/render-evidence-pdf';
import { buildEvidenceReport } from './report/build-evidence-report';
import { checklistEvidencePath } from './report/checklist-evidence-files';
import type { SigningKeyService } from './signing/signing-key.service';
import type { TrustedSignersService } from './signing/trusted-signers.service';
import { actingActor } from '../../platform/request-context';

/** The PDF's name inside the pack. */
export const REPORT_FILE = 'report.pdf';
/** The plain-text verification instructions the pack service adds. */
const VERIFY_FILE = 'VERIFY.txt';

export interface EvidenceExportDeps {
  sites: SitesService;
  compliance: ComplianceService;
  cycles: CyclesService;
  /** The hosts of the rollouts that ran in a period (instants, half-open); none when absent. */
  deployments?: (siteId: number, from: string, to: string) => DeploymentRow[];
  /** Known exploited vulnerabilities of a period (report/known-exploited-evidence.ts); not measured when absent. */
  knownExploited?: (siteId: number, from: string, to: string) => KnownExploitedEvidence;
  exceptions: ExceptionRegisterService;
  branding: BrandingService;
  signingKey: SigningKeyService;
  /** The keys besides this installation's whose packs verify. */
  trustedSigners: Pick<TrustedSignersService, 'list'>;
  packs: EvidencePackService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  /** Where packs exported from the UI are kept (`<dataDir>/evidence-packs`). */
  libraryDir: string;
}

/**
 * How a long export reports and stops: `onProgress` hears each phase as it starts (with the share
 * of the whole job done), and an aborted `signal` stops the export at the next phase boundary with
 * a `cancelled` error, before anything is written.
 */
export interface ExportControl {
  signal?: AbortSignal;
  onProgress?: (phase: EvidenceExportPhase, fraction: number) => void;
}

/**
 * Where each phase starts, as a share of the whole export, from the bench (bench/README.md):
 * reading the period is about a fifth of the time at 1,000 assets and nearly half at 10,000; the
 * PDF most of the rest; data files, signing and the ZIP a few percent.
 */
const PHASE_STARTS: Record<EvidenceExportPhase, number> = { reading: 0, pdf: 0.3, data: 0.88, writing: 0.93 };

/** A report and the files made from it, ready to be packed. */
export interface BuiltEvidence {
  report: EvidenceReport;
  files: PackFile[];
  auditChainHead: { id: number; hash: string };
}

export class EvidenceExportService {
  constructor(private readonly deps: EvidenceExportDeps) {}

  /** The default period of a pack: the shared rule (`defaultEvidencePeriod`) in the site's time zone. */
  defaultPeriod(siteId: number): { from: string; to: string } {
    const site = this.deps.sites.get(siteId);
    return defaultEvidencePeriod(this.deps.clock.now().getTime(), parseInstant(site.createdAt), site.timezone);
  }

  /**
   * Fills the report for a period (whole local days, both included) without rendering anything;
   * also returns the period's cycles as read, so their attachments need no second read.
   */
  report(siteId: number, from: string, to: string): { report: EvidenceReport; auditChainHead: { id: number; hash: string }; cycles: CycleDetail[] } {
    const site = this.deps.sites.get(siteId);
    const detail = this.deps.compliance.report(site.id, { from, to });
    const periodFrom = detail.period.from;
    const periodTo = detail.period.to;
    const cycles = this.deps.cycles
      .list(site.id)
      .filter((cycle) => cycle.openedAt < periodTo && (cycle.closedAt === null || cycle.closedAt >= periodFrom))
      .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id - b.id))
      .map((cycle) => this.deps.cycles.get(cycle.id));
    const rings = new Map(this.deps.cycles.rings(site.id).map((asset) => [asset.assetId, asset.ring]));
    const entries = this.deps.audit.listForPeriod(site.id, periodFrom, periodTo);
    // The head as it stood at the end of the period, so packs of the same data stay the same even
    // though every export appends its own audit entry afterwards.
    const auditChainHead = this.deps.audit.headBefore(periodTo);
    const report = buildEvidenceReport({
      detail,
      policy: this.deps.sites.getPolicy(site.id),
      exceptions: this.deps.exceptions.list(site.id),
      cycles,
      rings,
      branding: this.deps.branding.forReport(),
      signingKey: this.deps.signingKey.info(),
      audit: { entries, chainHead: auditChainHead },
      generatedAt: this.deps.clock.now().toISOString(),
      generatedBy: actingActor(this.deps.actor),
      appVersion: APP_VERSION,
      deployments: this.deps.deployments?.(site.id, periodFrom, periodTo) ?? [],
      ...(this.deps.knownExploited ? { knownExploited: this.deps.knownExploited(site.id, periodFrom, periodTo) } : {}),
    });
    return { report, auditChainHead, cycles };
  }

  /** Renders the PDF and the data files and gathers the checklist attachments. */
  async build(siteId: number, from: string, to: string, control: ExportControl = {}): Promise<BuiltEvidence> {
    await checkpoint(control, 'reading');
    const { report, auditChainHead, cycles } = this.report(siteId, from, to);
    await checkpoint(control, 'pdf');
    const pdf = await renderEvidencePdf(report);
    await checkpoint(control, 'data');
    const files: PackFile[] = [{ path: REPORT_FILE, bytes: pdf }, ...evidenceDataFiles(report), ...this.attachments(cycles)];
    return { report, files, auditChainHead };
  }

  /** What the pack will hold, quickly (no PDF is rendered). */
  preview(siteId: number, from: string, to: string): EvidencePreview {
    const { report, cycles } = this.report(siteId, from, to);
    const attachments = attachedFiles(cycles).map((file) => file.path);
    const files = [REPORT_FILE, ...evidenceDataFiles(report).map((file) => file.path), ...attachments, VERIFY_FILE, MANIFEST_FILE, SIGNATURE_FILE];
    return {
      siteName: report.meta.siteName,
      period: { ...report.meta.period, timezone: report.meta.timezone },
      summary: {
        assetsInScope: report.summary.assetsInScope,
        assetsMeasured: report.summary.assetsMeasured,
        coverageShare: report.summary.coverageShare,
        fullyPatched: report.summary.fullyPatched,
        fullyPatchedShare: report.summary.fullyPatchedShare,
        securityPatched: report.summary.securityPatched,
        securityPatchedShare: report.summary.securityPatchedShare,
        withinSlaShare: report.summary.missing.withinSlaShare,
        overdue: report.summary.missing.overdue,
        exceptionsActive: report.summary.exceptions.active,
        exceptionsExpired: report.summary.exceptions.expired,
        coverageGaps: report.summary.coverageGaps,
        failedCollections: report.summary.failedCollections,
        unsupportedOs: report.summary.unsupportedOs,
      },
      coverageByTier: report.byTier.map((row) => ({ tier: row.tier, assetsInScope: row.assetsInScope, assetsMeasured: row.assetsMeasured, coverageShare: row.coverageShare })),
      coverageGaps: report.coverageGaps.map((gap) => ({ hostname: gap.hostname, tier: gap.tier, reason: gap.reason, reasonText: gap.reasonText })),
      sections: [
        { title: 'Compliance by tier', rows: report.byTier.filter((row) => row.assetsInScope > 0).length },
        { title: 'Overdue fixes', rows: report.overdueItems.length },
        { title: 'Exception register', rows: report.exceptions.length },
        { title: 'Patch cycles and checklist log', rows: report.cycles.reduce((sum, cycle) => sum + cycle.checklist.length, 0) },
        { title: 'Emergency items', rows: report.emergencyItems.length },
        { title: 'Coverage gaps (not measured, failed collections, unsupported OS)', rows: report.coverageGaps.length + report.failedCollections.length + report.unsupportedOs.length },
        { title: 'Asset inventory', rows: report.assets.length },
        { title: 'Audit log excerpt', rows: report.audit.entries.length },
      ],
      files,
      warnings: previewWarnings(report),
      branding: { mspName: report.branding.mspName, hasLogo: report.branding.logo !== null },
      signerFingerprint: report.signer.fingerprint,
    };
  }

  /**
   * Builds and writes a pack to `outPath`, or into the pack library when no path is given. A
   * cancelled export (see {@link ExportControl}) stops before the ZIP is written, so it leaves
   * nothing behind.
   */
  async export(siteId: number, from: string, to: string, outPath?: string, control: ExportControl = {}): Promise<EvidencePackRecord> {
    const site = this.deps.sites.get(siteId);
    const built = await this.build(site.id, from, to, control);
    await checkpoint(control, 'writing');
    if (outPath === undefined) mkdirSync(this.deps.libraryDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const target = outPath ?? join(this.deps.libraryDir, libraryFileName(site.name, from, to, built.report.meta.generatedAt));
    return this.deps.packs.export({ siteId: site.id, period: { from, to }, outPath: target, files: built.files, auditChainHead: built.auditChainHead, generatedAt: built.report.meta.generatedAt });
  }

  /** An exported pack's bytes, for the browser's download. */
  download(packId: number): { fileName: string; mimeType: 'application/zip'; base64: string } {
    const record = this.deps.packs.get(packId);
    if (!existsSync(record.filePath)) throw new AppError('not_found', `the pack file ${record.filePath} is no longer there (moved or deleted); export the pack again`);
    return { fileName: record.filePath.split(/[\\/]/).pop() ?? 'evidence-pack.zip', mimeType: 'application/zip', base64: readFileSync(record.filePath).toString('base64') };
  }

  /**
   * Checks a pack's bytes. It passes only when its signer is trusted: the pinned key if one is
   * given, else this installation's key or a trusted signer.
   */
  verify(bytes: Uint8Array, fileName: string, pinnedFingerprint?: string): EvidenceVerification {
    // Checking a pack never creates this installation's key (an auditor's machine stays clean).
    const installationFingerprint = this.deps.signingKey.installationFingerprint();
    const result = verifyEvidencePack(bytes, {
      packName: fileName,
      trustedSigners: this.deps.trustedSigners.list(),
      ...(installationFingerprint ? { installationFingerprint } : {}),
      ...(pinnedFingerprint ? { pinnedFingerprint } : {}),
    });
    return {
      ok: result.ok,
      problems: result.problems,
      files: result.files,
      fingerprint: result.fingerprint,
      signatureValid: result.signatureValid,
      signedByThisInstallation: result.signedByThisInstallation ?? null,
      trust: result.trust,
      about: result.manifest
        ? { siteName: result.manifest.site.name, from: result.manifest.period.from, to: result.manifest.period.to, timezone: result.manifest.period.timezone, generatedAt: result.manifest.generatedAt, generatedBy: result.manifest.generatedBy }
        : null,
    };
  }

  /** Files attached to the checklist items of the period's cycles, read from the data folder. */
  private attachments(cycles: readonly CycleDetail[]): PackFile[] {
    return attachedFiles(cycles).map((file) => {
      const stored = this.deps.cycles.evidenceFilePath(file.sha256);
      if (!existsSync(stored)) throw new AppError('unavailable', `the file "${file.name}" attached to "${file.itemTitle}" is missing from the data folder (${stored}); the pack was not built`);
      return { path: file.path, bytes: readFileSync(stored) };
    });
  }
}

/**
 * A phase boundary: stops a cancelled export, reports the phase, and lets the event loop run
 * (a cancel request or a progress event must get through between two long synchronous steps).
 */
async function checkpoint(control: ExportControl, phase: EvidenceExportPhase): Promise<void> {
  if (control.signal === undefined && control.onProgress === undefined) return;
  throwIfCancelled(control.signal);
  control.onProgress?.(phase, PHASE_STARTS[phase]);
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(control.signal);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'the evidence export was cancelled; no pack was written');
}

/** Every file attached to a checklist item of these cycles, once each, with its path in the pack. */
function attachedFiles(cycles: readonly CycleDetail[]): { path: string; sha256: string; name: string; itemTitle: string }[] {
  const files = new Map<string, { path: string; sha256: string; name: string; itemTitle: string }>();
  for (const cycle of cycles) {
    for (const item of cycle.items) {
      for (const evidence of item.evidence) {
        if (evidence.kind !== 'file') continue;
        const path = checklistEvidencePath(evidence.sha256, evidence.name);
        if (!files.has(path)) files.set(path, { path, sha256: evidence.sha256, name: evidence.name, itemTitle: item.title });
      }
    }
  }
  return [...files.values()];
}

/** `contoso-dental-2026-10-01-to-2026-10-31-20261102T090000Z.zip`. */
export function libraryFileName(siteName: string, from: string, to: string, generatedAt: string): string {
  const slug =
    siteName
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'site';
  return `${slug}-${from}-to-${to}-${generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.zip`;
}

/** What an admin may want to fix before handing the pack out. */
export function previewWarnings(report: EvidenceReport): string[] {
  const warnings: string[] = [];
  const { assetsInScope, assetsMeasured } = report.summary;
  const unmeasured = assetsInScope - assetsMeasured;
  if (assetsInScope === 0) warnings.push('The site has no assets in the inventory: the pack will say so on every page.');
  else if (assetsMeasured === 0) warnings.push('No asset was measured at the end of the period (collected successfully within the freshness limit): the pack cannot give a patched share. Collect patch status first.');
  else if (unmeasured > 0) warnings.push(`${unmeasured} of ${assetsInScope} assets ${unmeasured === 1 ? 'was' : 'were'} not measured at the end of the period (never collected, last collection failed, or stale): the pack lists them as coverage gaps and leaves them out of the patched shares. Collect them to close the gaps.`);
  if (report.summary.exceptions.expired > 0) warnings.push(`${report.summary.exceptions.expired} exception${report.summary.exceptions.expired === 1 ? ' has' : 's have'} expired: renew or close ${report.summary.exceptions.expired === 1 ? 'it' : 'them'}, or the fixes count as overdue.`);
  if (report.cveMapping.notice !== null) warnings.push(`${report.cveMapping.notice} Wait for the mapping job to finish, or the pack will say so on its summary page.`);
  if (report.cycles.length === 0) warnings.push('No patch cycle was open in this period: the checklist log will be empty.');
  if (!report.branding.mspName) warnings.push('No MSP branding is set: the cover shows Patchdesk only.');
  return warnings;
}
