/**
 * Fills an `EvidenceReport` from what the services already computed: the compliance detail of the
 * period, the exception register, the patch cycles, the rings, the branding, the signing key and
 * the audit log. Pure mapping: no number is computed twice, so the PDF, the CSV files and the
 * dashboard agree.
 */
import type { ComplianceDetail } from '../../../../shared/contract/compliance';
import type { CycleDetail } from '../../../../shared/contract/cycles';
import type { ExceptionRecord } from '../../../../shared/contract/exceptions';
import type { SigningKeyInfo } from '../../../../shared/contract/evidence';
import { coverageGapPhrase } from '../../../../shared/domain/coverage';
import { osLabel } from '../../../../shared/domain/os-label';
import type { PatchPolicy } from '../../../../shared/domain/patch-policy';
import { mappingNotice } from '../../../../shared/domain/intel/mapping-progress';
import { exceptionStatus } from '../../../../shared/domain/sla/exception-status';
import { monthName } from '../../../../shared/domain/sla/local-time';
import type { AuditEntry } from '../../../db/repositories/audit-log.repository';
import {
  EVIDENCE_REPORT_FORMAT_VERSION,
  standardMethodology,
  type ChecklistEntry,
  type CycleRecord,
  type DeploymentRow,
  type EmergencyItemRow,
  type EvidenceReport,
  type ExceptionRow,
  type KnownExploitedEvidence,
  type MissingFixCounts,
  type ReportPeriod,
} from '../evidence-report';
import { checklistEvidencePath } from './checklist-evidence-files';
import { auditSentence } from './audit-sentence';
import { kevFigures } from './known-exploited-evidence';

/** Everything the report is made from, already read from the services. */
export interface EvidenceReportSources {
  detail: ComplianceDetail;
  policy: PatchPolicy;
  exceptions: readonly ExceptionRecord[];
  /** Cycles open at some time inside the period, oldest first, with their checklists. */
  cycles: readonly CycleDetail[];
  /** Asset id → ring name. */
  rings: ReadonlyMap<number, string>;
  branding: { mspName: string; contactLine: string; logo: { mimeType: string; bytes: Uint8Array } | null };
  signingKey: SigningKeyInfo;
  audit: { entries: readonly AuditEntry[]; chainHead: { id: number; hash: string } };
  generatedAt: string;
  generatedBy: string;
  appVersion: string;
  /** Hosts of the rollouts that ran in the period (none when the caller has no rollouts). */
  deployments?: readonly DeploymentRow[];
  /** Known exploited vulnerabilities of the period (absent: not measured, no intel wired). */
  knownExploited?: KnownExploitedEvidence;
}

/** Builds the report; the same sources give the same report. */
export function buildEvidenceReport(sources: EvidenceReportSources): EvidenceReport {
  const { detail } = sources;
  // Audit rows name assets by id; the sentences name them by hostname where the period knows it.
  const assetNames = new Map<number, string>([
    ...sources.exceptions.filter((entry) => entry.scope.assetId !== null && entry.assetName).map((entry) => [entry.scope.assetId as number, entry.assetName] as const),
    ...detail.assets.map((asset) => [asset.assetId, asset.assetName] as const),
  ]);
  const period: ReportPeriod = { from: detail.period.from, to: detail.period.to, fromDate: detail.period.fromDate, toDate: detail.period.toDate, label: periodLabel(detail.period.fromDate, detail.period.toDate) };
  return {
    formatVersion: EVIDENCE_REPORT_FORMAT_VERSION,
    meta: {
      siteName: detail.siteName,
      timezone: detail.period.timeZone,
      period,
      generatedAt: sources.generatedAt,
      generatedBy: sources.generatedBy,
      appVersion: sources.appVersion,
      policy: { slaDays: sources.policy.slaDays, maxExceptionDays: sources.policy.maxExceptionDays, freshnessDays: sources.policy.freshnessDays, kevRules: sources.policy.kevRules },
    },
    branding: {
      mspName: sources.branding.mspName,
      contact: sources.branding.contactLine,
      logo: sources.branding.logo ? { mimeType: sources.branding.logo.mimeType, base64: Buffer.from(sources.branding.logo.bytes).toString('base64') } : null,
    },
    signer: { algorithm: sources.signingKey.algorithm, publicKeyBase64: sources.signingKey.publicKey, fingerprint: sources.signingKey.fingerprint },
    summary: {
      assetsInScope: detail.site.assets.inScope,
      assetsMeasured: detail.site.assets.measured,
      coverageShare: detail.site.assets.coverageShare,
      fullyPatched: detail.site.assets.fullyPatched,
      fullyPatchedShare: detail.site.assets.fullyPatchedShare,
      securityPatched: detail.site.assets.securityPatched,
      securityPatchedShare: detail.site.assets.securityPatchedShare,
      missing: missingCounts(detail.site.missing),
      oldestMissingSecurity: detail.oldestMissingSecurity
        ? { hostname: detail.oldestMissingSecurity.assetName, update: detail.oldestMissingSecurity.updateName, firstSeenAt: detail.oldestMissingSecurity.firstSeenAt, clockStartAt: detail.oldestMissingSecurity.clockStartAt, clockBasis: detail.oldestMissingSecurity.clockBasis, ageDays: detail.oldestMissingSecurity.ageDays }
        : null,
      coverageGaps: detail.coverageGaps.total,
      failedCollections: detail.failuresInPeriod.length,
      unsupportedOs: detail.unsupportedOs.total,
      exceptions: { active: detail.exceptions.active, expiringSoon: detail.exceptions.expiringSoon.total, expired: detail.exceptions.expired.total },
    },
    byTier: detail.tiers.map(({ tier, figures }) => ({
      tier,
      assetsInScope: figures.assets.inScope,
      assetsMeasured: figures.assets.measured,
      coverageShare: figures.assets.coverageShare,
      fullyPatched: figures.assets.fullyPatched,
      fullyPatchedShare: figures.assets.fullyPatchedShare,
      securityPatched: figures.assets.securityPatched,
      securityPatchedShare: figures.assets.securityPatchedShare,
      missing: missingCounts(figures.missing),
    })),
    overdueByTier: detail.overdueByTier.map((row) => ({ tier: row.tier, bands: { ...row.bands } })),
    overdueItems: detail.overdue.items.map((item) => ({
      hostname: item.assetName,
      tier: item.tier,
      tierDefaulted: item.tierDefaulted,
      update: item.updateName,
      severity: item.severity,
      security: item.security,
      firstSeenAt: item.firstSeenAt,
      clockStartAt: item.clockStartAt,
      clockBasis: item.clockBasis,
      dueDate: item.dueDate,
      overdueDays: item.overdueDays,
      band: item.band,
    })),
    trend: detail.trend.map((point) => ({ month: point.month, assetsInScope: point.assets, assetsMeasured: point.measured, fullyPatchedShare: point.fullyPatchedShare, withinSlaShare: point.withinSlaShare, overdue: point.overdue })),
    exceptions: exceptionRows(sources.exceptions, detail.period.to),
    cycles: sources.cycles.map(cycleRecord),
    emergencyItems: sources.cycles.filter((cycle) => cycle.kind === 'emergency').map(emergencyRow),
    deployments: (sources.deployments ?? []).map((row) => ({ ...row })),
    cveMapping: {
      current: detail.mapping.current,
      pendingAssets: detail.mapping.pendingAssets,
      assets: detail.mapping.assetIds.map((id) => assetNames.get(id) ?? `asset ${id}`).sort((a, b) => a.localeCompare(b)),
      notice: mappingNotice(detail.mapping),
    },
    knownExploited: sources.knownExploited ?? { notMeasured: 'vulnerability intelligence is not available here', at: sources.generatedAt, asOfDate: detail.period.toDate, rows: [], notJudged: [], feeds: [], figures: kevFigures([], []) },
    assets: detail.assets.map((asset) => ({
      hostname: asset.assetName,
      ip: asset.address,
      os: osLabel(asset.osName, asset.osVersion),
      tier: asset.tier,
      ring: sources.rings.get(asset.assetId) ?? null,
      lastCollectionAt: asset.lastSuccessAt,
      measured: asset.measured,
      coverageGap: asset.gap === null ? null : coverageGapPhrase(asset.gap, detail.period.timeZone),
      // Never successfully collected: nothing is known, which is not 0 pending.
      pending: asset.lastSuccessAt === null ? null : asset.pending,
      securityPending: asset.lastSuccessAt === null ? null : asset.securityPending,
      overdue: asset.lastSuccessAt === null ? null : asset.overdue,
      eol: asset.endOfLife?.unsupported ?? false,
      eolOsSource: asset.endOfLife?.osSource ?? null,
    })),
    coverageGaps: detail.coverageGaps.items.map((gap) => ({
      hostname: gap.assetName,
      tier: gap.tier,
      reason: gap.reason,
      reasonText: coverageGapPhrase(gap, detail.period.timeZone),
      lastSuccessAt: gap.lastSuccessAt,
      staleSince: gap.staleSince,
      failedAt: gap.failure?.at ?? null,
      errorCode: gap.failure?.errorCode ?? null,
    })),
    failedCollections: detail.failuresInPeriod.map((failure) => ({ hostname: failure.assetName, at: failure.at, errorCode: failure.errorCode ?? 'failed', message: failure.message })),
    unsupportedOs: detail.unsupportedOs.items.map((asset) => ({ hostname: asset.assetName, os: osLabel(asset.osName, asset.osVersion), eolDate: asset.eolDate, tier: asset.tier, osSource: asset.osSource })),
    audit: {
      entries: sources.audit.entries.map((entry) => ({
        id: entry.id,
        at: entry.at,
        actor: entry.actor,
        via: entry.via,
        entityType: entry.entityType,
        entityId: entry.entityId,
        action: entry.action,
        summary: auditSentence(entry, { timeZone: detail.period.timeZone, assetName: (id) => assetNames.get(id) ?? null }),
      })),
      chainHead: sources.audit.chainHead,
    },
    methodology: standardMethodology({ timezone: detail.period.timeZone, policy: sources.policy }),
  };
}

/**
 * A short name for the period: "October 2026" for a whole calendar month, else the days in words
 * ("1–22 November 2026", "5 October – 4 November 2026", "28 December 2026 – 3 January 2027").
 */
export function periodLabel(fromDate: string, toDate: string): string {
  const [fromYear, fromMonth, fromDay] = fromDate.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = toDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  if (fromYear === toYear && fromMonth === toMonth) {
    if (fromDay === 1 && toDay === lastDay) return `${monthName(fromMonth)} ${fromYear}`;
    return fromDay === toDay ? `${fromDay} ${monthName(fromMonth)} ${fromYear}` : `${fromDay}–${toDay} ${monthName(fromMonth)} ${fromYear}`;
  }
  if (fromYear === toYear) return `${fromDay} ${monthName(fromMonth)} – ${toDay} ${monthName(toMonth)} ${toYear}`;
  return `${fromDay} ${monthName(fromMonth)} ${fromYear} – ${toDay} ${monthName(toMonth)} ${toYear}`;
}

function missingCounts(missing: ComplianceDetail['site']['missing']): MissingFixCounts {
  return { total: missing.total, within: missing.within, dueSoon: missing.dueSoon, overdue: missing.overdue, excepted: missing.excepted, withinSlaShare: missing.withinSlaShare };
}

/**
 * The register as it stood at the end of the period: entries recorded by then, with their status
 * at that instant (a renewal or closing that came later does not count yet).
 */
function exceptionRows(entries: readonly ExceptionRecord[], at: string): ExceptionRow[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const recorded = entries.filter((entry) => entry.createdAt < at);
  return recorded
    .map((entry) => {
      const renewal = entry.renewedById === null ? undefined : byId.get(entry.renewedById);
      const renewedBy = renewal && renewal.createdAt < at ? renewal.id : null;
      const closedAt = entry.closedAt !== null && entry.closedAt < at ? entry.closedAt : null;
      let renewals = 0;
      for (let previous = entry.renewsId === null ? undefined : byId.get(entry.renewsId); previous; previous = previous.renewsId === null ? undefined : byId.get(previous.renewsId)) renewals += 1;
      return {
        id: entry.id,
        scopeKind: entry.scope.kind,
        scopeValue: entry.scope.value,
        assetName: entry.scope.assetId === null ? null : entry.assetName,
        reason: entry.reason,
        compensatingControls: entry.compensatingControls,
        owner: entry.owner,
        approver: entry.approver,
        startsAt: entry.startsAt,
        expiresAt: entry.expiresAt,
        closedAt,
        status: exceptionStatus({ scope: entry.scope, startsAt: entry.startsAt, expiresAt: entry.expiresAt, closedAt, renewedById: renewedBy }, at),
        renewals,
      };
    })
    .sort((a, b) => a.id - b.id);
}

function checklistEntry(item: CycleDetail['items'][number]): ChecklistEntry {
  return {
    label: item.title,
    state: item.state === 'pending' ? 'open' : item.state,
    by: item.state === 'pending' ? null : item.doneBy || item.recordedBy || null,
    at: item.state === 'pending' ? null : (item.doneAt ?? item.recordedAt),
    note: item.note,
    evidenceRef: item.evidence.map((evidence) => (evidence.kind === 'link' ? evidence.url : `${checklistEvidencePath(evidence.sha256, evidence.name)} (SHA-256 ${evidence.sha256})`)).join('; '),
    late: item.late || item.doneLate,
  };
}

function cycleRecord(cycle: CycleDetail): CycleRecord {
  return {
    id: cycle.id,
    kind: cycle.kind,
    title: cycle.title,
    openedAt: cycle.openedAt,
    closedAt: cycle.closedAt,
    deadline: cycle.deadline,
    emergency: cycle.kind === 'emergency' ? { triggerId: cycle.trigger?.ref ?? '', reason: cycle.reason } : null,
    checklist: cycle.items.map(checklistEntry),
  };
}

function emergencyRow(cycle: CycleDetail): EmergencyItemRow {
  return {
    cycleId: cycle.id,
    triggerId: cycle.trigger?.ref ?? '',
    title: cycle.title,
    assetsAffected: cycle.scope.length,
    openedAt: cycle.triagedAt ?? cycle.openedAt,
    deadline: cycle.deadline,
    deployedAt: cycle.deployedAt,
    retestedAt: cycle.verifiedAt,
    closedAt: cycle.closedAt,
    deadlineMet: cycle.deadline !== null && cycle.verifiedAt !== null ? cycle.verifiedAt <= cycle.deadline : null,
  };
}
