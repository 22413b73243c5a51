/**
 * The lists of a compliance response, from evaluated figures and stored facts: overdue fixes,
 * breaches, coverage gaps, unsupported operating systems, the exception register's standing
 * and each asset's row. Pure mapping; no queries.
 */
import type {
  AssetComplianceRow,
  BreachRow,
  ComplianceExceptions,
  CoverageGap,
  ExceptionBrief,
  FailedCollection,
  OverdueItem,
  UnsupportedOsAsset,
} from '../../../shared/contract/compliance';
import { compareCoverageGaps, measurementAt, type Measurement } from '../../../shared/domain/coverage';
import type { EolTable } from '../../../shared/domain/end-of-life';
import { EXCEPTION_STATUSES, exceptionStatus, type ExceptionStatus } from '../../../shared/domain/sla/exception-status';
import { DAY_MS, formatInstant, formatLocalDate, localDaysBetween, parseInstant } from '../../../shared/domain/sla/local-time';
import type { CollectionStanding, FailureRow, ScopeAssetRow } from '../../db/repositories/compliance.repository';
import type { StoredException } from '../../db/repositories/exceptions.repository';
import { endOfLifeOf } from '../patch-status/patch-status.service';
import type { AssetStanding, BreachEntry, OverdueEntry } from '../../../shared/domain/sla/period-figures';
import type { SlaEngine } from '../../../shared/domain/sla/sla-engine';
import { fixAgeDays } from '../../../shared/domain/sla/oldest-fix';
import { toPatchException } from './site-sla-clock';

/** A list and its full length; `cap` null keeps every item. */
export function capped<T>(items: readonly T[], cap: number | null): { total: number; items: T[] } {
  return { total: items.length, items: cap === null ? [...items] : items.slice(0, cap) };
}

/** The display name of an asset id. */
export type AssetNames = ReadonlyMap<number, ScopeAssetRow>;

const nameOf = (assets: AssetNames, id: number): string => assets.get(id)?.name ?? `asset ${id}`;

/** What every row about one fix shows: which asset, which update, its tier, severity and deadline. */
function fixFields(fix: OverdueEntry['fix'], assets: AssetNames) {
  return {
    assetId: fix.record.assetId,
    assetName: nameOf(assets, fix.record.assetId),
    tier: fix.tier,
    tierDefaulted: fix.tierDefaulted,
    updateName: fix.record.name,
    severity: fix.severity,
    security: fix.security,
    firstSeenAt: formatInstant(fix.firstSeenMs),
    clockStartAt: formatInstant(fix.clockStartMs),
    clockBasis: fix.clockBasis,
    dueDate: fix.dueDate,
  };
}

/** A fix overdue at the end of the period, for display. */
export function overdueItem(entry: OverdueEntry, assets: AssetNames): OverdueItem {
  return { ...fixFields(entry.fix, assets), overdueDays: entry.standing.overdueDays, band: entry.band };
}

/** A breach inside the period, for display. */
export function breachRow(entry: BreachEntry, assets: AssetNames): BreachRow {
  const { fix } = entry;
  return {
    ...fixFields(fix, assets),
    resolvedAt: Number.isFinite(fix.resolvedMs) ? formatInstant(fix.resolvedMs) : null,
    intervals: entry.intervals.map((interval) => ({ from: formatInstant(interval.from), to: formatInstant(interval.to) })),
    breachDays: entry.durationMs / DAY_MS,
  };
}

/** Whether an asset was measured at `atMs` (see shared/domain/coverage.ts), from its standing then. */
export function measurementOf(standing: CollectionStanding | undefined, atMs: number, freshnessDays: number): Measurement {
  return measurementAt({ latest: standing?.latest ?? null, lastSuccessAt: standing?.lastSuccessAt ?? null }, atMs, freshnessDays);
}

/** The assets in scope not measured at `atMs`, in `compareCoverageGaps` order. */
export function coverageGaps(assets: readonly ScopeAssetRow[], measurements: ReadonlyMap<number, Measurement>): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const asset of assets) {
    const measurement = measurements.get(asset.id);
    if (!measurement || measurement.measured) continue;
    gaps.push({ assetId: asset.id, assetName: asset.name, tier: asset.tier, reason: measurement.reason, lastSuccessAt: measurement.lastSuccessAt, staleSince: measurement.staleSince, failure: measurement.failure });
  }
  return gaps.sort(compareCoverageGaps);
}

/** One failed collection of an asset, for display. */
export function failedCollection(asset: ScopeAssetRow | undefined, failure: Pick<FailureRow, 'at' | 'errorCode' | 'message'> & { assetId?: number }, lastSuccessAt: string | null): FailedCollection {
  const assetId = asset?.id ?? failure.assetId ?? 0;
  return { assetId, assetName: asset?.name ?? `asset ${assetId}`, tier: asset?.tier ?? null, at: failure.at, errorCode: failure.errorCode, message: failure.message, lastSuccessAt };
}

/**
 * Assets whose OS is past end of life on `today`, soonest end of life first: the OS a successful
 * collection reported, or the inventory's while no collection has confirmed one.
 */
export function unsupportedOs(assets: readonly ScopeAssetRow[], standings: ReadonlyMap<number, CollectionStanding>, table: EolTable, today: string): UnsupportedOsAsset[] {
  const out: UnsupportedOsAsset[] = [];
  for (const asset of assets) {
    const os = standings.get(asset.id)?.os ?? null;
    const eol = endOfLifeOf(table, os, asset, today);
    if (!eol?.unsupported) continue;
    out.push({ assetId: asset.id, assetName: asset.name, tier: asset.tier, osName: os?.name || asset.osName, osVersion: os?.version || asset.osVersion, eolDate: eol.date, source: eol.source, osSource: eol.osSource });
  }
  return out.sort((a, b) => (a.eolDate < b.eolDate ? -1 : a.eolDate > b.eolDate ? 1 : a.assetName.localeCompare(b.assetName)));
}

/**
 * The register at the end of the period: counts by status, the entries expiring soon and the
 * expired ones, and how many expired inside the period without being closed or renewed first
 * (the same rule as `complianceReport`).
 */
export function exceptionsSection(stored: readonly StoredException[], engine: SlaEngine, period: { fromMs: number; toMs: number }, cap: number | null): ComplianceExceptions {
  const at = formatInstant(period.toMs);
  const lastDay = engine.localDate(period.toMs - 1);
  const byStatus = Object.fromEntries(EXCEPTION_STATUSES.map((status) => [status, 0])) as Record<ExceptionStatus, number>;
  const expiringSoon: ExceptionBrief[] = [];
  const expired: ExceptionBrief[] = [];
  let expiredDuringPeriod = 0;
  for (const entry of stored) {
    const status = exceptionStatus(toPatchException(entry), at);
    byStatus[status]++;
    const expiresMs = parseInstant(entry.expiresAt);
    const endedEarly = entry.renewedById != null || (entry.closedAt != null && parseInstant(entry.closedAt) <= expiresMs);
    if (!endedEarly && expiresMs >= period.fromMs && expiresMs < period.toMs) expiredDuringPeriod++;
    if (status !== 'expiring_soon' && status !== 'expired') continue;
    const coveredLast = engine.localDate(expiresMs - 1);
    const brief: ExceptionBrief = {
      id: entry.id,
      scope: entry.scope,
      assetName: entry.assetName,
      owner: entry.owner,
      reason: entry.reason,
      startsAt: entry.startsAt,
      expiresAt: entry.expiresAt,
      lastDay: formatLocalDate(coveredLast),
      daysLeft: localDaysBetween(lastDay, coveredLast),
      status,
    };
    (status === 'expiring_soon' ? expiringSoon : expired).push(brief);
  }
  expiringSoon.sort((a, b) => parseInstant(a.expiresAt) - parseInstant(b.expiresAt) || a.id - b.id);
  expired.sort((a, b) => parseInstant(b.expiresAt) - parseInstant(a.expiresAt) || a.id - b.id);
  return { byStatus, active: byStatus.active + byStatus.expiring_soon, expiringSoon: capped(expiringSoon, cap), expired: capped(expired, cap), expiredDuringPeriod };
}

/** Every asset's row at the end of the period: tiers 1-4 then unclassified, then by name. */
export function assetRows(
  assets: readonly ScopeAssetRow[],
  perAsset: ReadonlyMap<number, AssetStanding>,
  standings: ReadonlyMap<number, CollectionStanding>,
  gaps: readonly CoverageGap[],
  engine: SlaEngine,
  atMs: number,
  table: EolTable,
  today: string,
): AssetComplianceRow[] {
  const atDay = engine.localDay(atMs);
  const gapOf = new Map(gaps.map((gap) => [gap.assetId, gap]));
  const rows: AssetComplianceRow[] = [];
  for (const asset of assets) {
    const own = perAsset.get(asset.id);
    if (!own) continue;
    const standing = standings.get(asset.id);
    const eol = endOfLifeOf(table, standing?.os ?? null, asset, today);
    rows.push({
      assetId: asset.id,
      assetName: asset.name,
      address: asset.address,
      tier: asset.tier,
      osName: standing?.os?.name || asset.osName,
      osVersion: standing?.os?.version || asset.osVersion,
      pending: own.pending,
      securityPending: own.security,
      overdue: own.overdue,
      excepted: own.excepted,
      oldestMissing: own.oldest
        ? { updateName: own.oldest.record.name, firstSeenAt: formatInstant(own.oldest.firstSeenMs), clockStartAt: formatInstant(own.oldest.clockStartMs), clockBasis: own.oldest.clockBasis, ageDays: fixAgeDays(engine, own.oldest, atDay) }
        : null,
      lastCollection: standing ? { at: standing.latest.at, outcome: standing.latest.outcome, errorCode: standing.latest.errorCode } : null,
      lastSuccessAt: standing?.lastSuccessAt ?? null,
      measured: !gapOf.has(asset.id),
      gap: gapOf.get(asset.id) ?? null,
      endOfLife: eol,
    });
  }
  const tierRank = (tier: number | null) => tier ?? 5;
  return rows.sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.assetName.localeCompare(b.assetName) || a.assetId - b.assetId);
}
