/**
 * Compliance figures of a site over a period: the dashboard's summary (`compliance:summary`) and
 * the full detail the evidence pack is built from (`compliance:report`). The maths is the SLA
 * domain's (shared/domain/sla): snapshot figures are taken at the end of the period, breaches are
 * counted inside it, and an exception stops the clock only while it is active.
 *
 * Instants are ISO-8601 UTC strings, local days `YYYY-MM-DD` in the site's time zone, shares are
 * fractions 0-1 (unrounded; null when there is nothing to divide).
 */
import { z } from 'zod';
import { SEVERITIES } from '../domain/patch-policy';
import { CLOCK_BASES } from '../domain/sla/clock-start';
import { OVERDUE_AGE_BANDS } from '../domain/sla/sla-rules';
import { EXCEPTION_SCOPE_KINDS, EXCEPTION_STATUSES } from '../domain/sla/exception-status';
import { isInstant } from '../domain/sla/local-time';
import { TierSchema } from './assets';
import { checkedString, Id, IsoDate, IsoTimestamp } from './common';
import { CollectionErrorCode, NotMeasured } from './patch-status';
import { MappingProgress } from './triage';

/** Whether a text is a real calendar day written `YYYY-MM-DD`. */
function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  return isInstant(`${value}T00:00:00Z`);
}

/**
 * One end of a period: a day (`2026-10-01`, read in the site's time zone: the start of that day
 * for `from`, the end of it for `to`) or an ISO-8601 instant with an offset.
 */
export const PeriodBound = checkedString(
  (value) => isCalendarDay(value) || isInstant(value),
  (value) => `"${value}" is not a day (YYYY-MM-DD) or an ISO-8601 instant with an offset (such as 2026-11-02T09:00:00Z)`,
);

/** The dashboard's request: the period defaults to the 30 days ending now. */
export const ComplianceSummaryRequest = z.object({ siteId: Id, from: PeriodBound.optional(), to: PeriodBound.optional() });
export type ComplianceSummaryRequest = z.input<typeof ComplianceSummaryRequest>;

/** The evidence pack's request: both ends are required. */
export const ComplianceReportRequest = z.object({ siteId: Id, from: PeriodBound, to: PeriodBound });
export type ComplianceReportRequest = z.input<typeof ComplianceReportRequest>;

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();

/** The period a response covers: [from, to), and its first and last local day. */
export const CompliancePeriod = z.object({
  from: IsoTimestamp,
  to: IsoTimestamp,
  fromDate: IsoDate,
  /** The last local day inside the period (inclusive). */
  toDate: IsoDate,
  timeZone: z.string(),
});
export type CompliancePeriod = z.infer<typeof CompliancePeriod>;

/** Counts per overdue age band (local days past the due date). */
export const OverdueBands = z.object(Object.fromEntries(OVERDUE_AGE_BANDS.map((band) => [band, Count])) as Record<(typeof OVERDUE_AGE_BANDS)[number], typeof Count>);
export type OverdueBands = z.infer<typeof OverdueBands>;

/** The figures of a set of assets (the site, or one tier) for a period. */
export const ComplianceFigures = z.object({
  /**
   * Assets in scope at the end of the period, how many were measured then (a collection
   * succeeded within the policy's freshness limit; see shared/domain/coverage.ts), and of the
   * measured ones how many had nothing (no security fix) missing. Shares are over the measured
   * assets; null when none was measured ("not measured", never 0 % or 100 %).
   */
  assets: z.object({
    inScope: Count,
    measured: Count,
    /** measured / inScope; null when nothing is in scope. */
    coverageShare: Share,
    fullyPatched: Count,
    fullyPatchedShare: Share,
    securityPatched: Count,
    securityPatchedShare: Share,
  }),
  /** Fixes missing at the end of the period by SLA state; within + dueSoon + overdue + excepted = total. */
  missing: z.object({
    total: Count,
    within: Count,
    dueSoon: Count,
    overdue: Count,
    excepted: Count,
    /** (within + dueSoon + excepted) / total: a documented, active exception counts as compliant. */
    withinSlaShare: Share,
    /** Of the missing fixes, the security ones. */
    security: Count,
  }),
  /** Overdue fixes (without an exception) at the end of the period by age band. */
  overdueByBand: OverdueBands,
  /** Fixes in uncovered breach at some time inside the period (resolved ones included). */
  breaches: Count,
});
export type ComplianceFigures = z.infer<typeof ComplianceFigures>;

/** The figures of the assets of one tier; `tier: null` is the unclassified assets. */
export const TierFigures = z.object({ tier: TierSchema.nullable(), figures: ComplianceFigures });
export type TierFigures = z.infer<typeof TierFigures>;

/**
 * Overdue fixes of one applied tier by age band. Unclassified assets count under the tier the
 * SLA clock holds them to (DEFAULT_TIER), as `complianceReport` does.
 */
export const OverdueByTierRow = z.object({ tier: TierSchema, bands: OverdueBands, total: Count });
export type OverdueByTierRow = z.infer<typeof OverdueByTierRow>;

/** Which fix on which asset, with the tier, severity and deadline its SLA was judged by. */
const FixSla = z.object({
  assetId: Id,
  assetName: z.string(),
  /** The tier the SLA was applied at. */
  tier: TierSchema,
  /** True when the asset is unclassified and held to the default tier. */
  tierDefaulted: z.boolean(),
  updateName: z.string(),
  severity: z.enum(SEVERITIES),
  security: z.boolean(),
  firstSeenAt: IsoTimestamp,
  /** Where the SLA clock started: the fix's publication or first seen (see shared/domain/sla/clock-start.ts). */
  clockStartAt: IsoTimestamp,
  clockBasis: z.enum(CLOCK_BASES),
  /** The last allowed local day. */
  dueDate: IsoDate,
});

/** One fix overdue at the end of the period. */
export const OverdueItem = FixSla.extend({
  /** Local days past the due date (1 on the first overdue day). */
  overdueDays: z.number().int().nonnegative(),
  band: z.enum(OVERDUE_AGE_BANDS),
});
export type OverdueItem = z.infer<typeof OverdueItem>;

/** The missing security fix whose SLA clock started earliest (shared/domain/sla/oldest-fix.ts). */
export const OldestMissingSecurity = z.object({
  assetId: Id,
  assetName: z.string(),
  updateName: z.string(),
  firstSeenAt: IsoTimestamp,
  /** Where its SLA clock started (publication or first seen, see `slaClockStart`) and from what. */
  clockStartAt: IsoTimestamp,
  clockBasis: z.enum(CLOCK_BASES),
  /** Local days from the clock start to the end of the period. */
  ageDays: z.number().int().nonnegative(),
});
export type OldestMissingSecurity = z.infer<typeof OldestMissingSecurity>;

/** An asset whose latest collection (at the end of the period) failed. */
export const FailedCollection = z.object({
  assetId: Id,
  assetName: z.string(),
  tier: TierSchema.nullable(),
  at: IsoTimestamp,
  errorCode: CollectionErrorCode.nullable(),
  message: z.string(),
  /** The latest collection that worked; null when none ever did. */
  lastSuccessAt: IsoTimestamp.nullable(),
});
export type FailedCollection = z.infer<typeof FailedCollection>;

/**
 * An asset in scope not measured at the end of the period, and why: never collected, its latest
 * collection failed, or its last success is older than the freshness limit. Lists of gaps are in
 * `compareCoverageGaps` order everywhere.
 */
export const CoverageGap = NotMeasured.extend({ assetId: Id, assetName: z.string(), tier: TierSchema.nullable() });
export type CoverageGap = z.infer<typeof CoverageGap>;

/** Where an end-of-life verdict's OS came from: a successful collection, or the inventory (CSV, nmap, fingerprint, manual entry). */
export const OsSource = z.enum(['collection', 'inventory']);
export type OsSource = z.infer<typeof OsSource>;

/** An asset running an operating system past its end of support. */
export const UnsupportedOsAsset = z.object({
  assetId: Id,
  assetName: z.string(),
  tier: TierSchema.nullable(),
  osName: z.string(),
  osVersion: z.string(),
  eolDate: IsoDate,
  source: z.string(),
  /** Whether the OS was confirmed by a collection or is only known from the inventory. */
  osSource: OsSource,
});
export type UnsupportedOsAsset = z.infer<typeof UnsupportedOsAsset>;

/** A register entry as the dashboard lists it. */
export const ExceptionBrief = z.object({
  id: Id,
  scope: z.object({ kind: z.enum(EXCEPTION_SCOPE_KINDS), assetId: Id.nullable(), value: z.string() }),
  assetName: z.string(),
  owner: z.string(),
  reason: z.string(),
  startsAt: IsoTimestamp,
  expiresAt: IsoTimestamp,
  /** The last local day it covers. */
  lastDay: IsoDate,
  /** Local days from the period's last day to `lastDay`; negative once expired. */
  daysLeft: z.number().int(),
  status: z.enum(EXCEPTION_STATUSES),
});
export type ExceptionBrief = z.infer<typeof ExceptionBrief>;

/** A list with its full length; the summary caps long lists, the report never does. */
const listOf = <T extends z.ZodType>(item: T) => z.object({ total: Count, items: z.array(item) });

/** Exceptions at the end of the period. */
export const ComplianceExceptions = z.object({
  byStatus: z.object(Object.fromEntries(EXCEPTION_STATUSES.map((status) => [status, Count])) as Record<(typeof EXCEPTION_STATUSES)[number], typeof Count>),
  /** Active ones, expiring soon included. */
  active: Count,
  /** Active with at most the expiring-soon window left, soonest first. */
  expiringSoon: listOf(ExceptionBrief),
  /** Past expiry, neither closed nor renewed: their fixes count as breaches again. Latest expiry first. */
  expired: listOf(ExceptionBrief),
  /** Entries whose expiry fell inside the period and were not closed or renewed first. */
  expiredDuringPeriod: Count,
});
export type ComplianceExceptions = z.infer<typeof ComplianceExceptions>;

/** One month of the trend, measured at the end of that month (or at the period's end for the last). */
export const TrendPoint = z.object({
  /** `YYYY-MM` in the site's time zone. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  from: IsoTimestamp,
  to: IsoTimestamp,
  /** Assets in scope at the end of the month, and how many were measured then. */
  assets: Count,
  measured: Count,
  fullyPatchedShare: Share,
  withinSlaShare: Share,
  missing: Count,
  overdue: Count,
  /** Missing security fixes at the end of the month. */
  securityMissing: Count,
  /** Fixes in uncovered breach at some time during the month. */
  breaches: Count,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/**
 * A checklist item of a patch cycle that is late at the end of the period. The fields are those
 * of the cycles contract's `LateCycleItem`, which the cycles service supplies (see app-core).
 */
export const LateChecklistItem = z.object({
  cycleId: Id,
  cycleTitle: z.string(),
  cycleKind: z.string(),
  key: z.string(),
  title: z.string(),
  /** The local day the item was due. */
  dueDate: IsoDate,
  /** The instant it became late. */
  dueBy: IsoTimestamp,
  /** Whole days since the due day ended (0 on the first late day). */
  daysLate: z.number().int().nonnegative(),
});
export type LateChecklistItem = z.infer<typeof LateChecklistItem>;

/** The dashboard's compliance summary of a site. */
export const ComplianceSummary = z.object({
  siteId: Id,
  siteName: z.string(),
  period: CompliancePeriod,
  /** The whole site. */
  site: ComplianceFigures,
  /** Tiers 1-4 then unclassified (`tier: null`), by each asset's own tier; always five rows. */
  tiers: z.array(TierFigures),
  /** Applied tiers 1-4 by overdue age band. */
  overdueByTier: z.array(OverdueByTierRow),
  oldestMissingSecurity: OldestMissingSecurity.nullable(),
  /** Overdue fixes, longest overdue first (the summary lists the first 50). */
  overdue: listOf(OverdueItem),
  /** Assets in scope not measured at the end of the period, in `compareCoverageGaps` order. */
  coverageGaps: listOf(CoverageGap),
  /** The policy's freshness limit the measured rule used, in days. */
  freshnessDays: z.number().int().positive(),
  unsupportedOs: listOf(UnsupportedOsAsset),
  exceptions: ComplianceExceptions,
  /** Twelve monthly points, oldest first, ending with the period's end. */
  trend: z.array(TrendPoint),
  lateChecklistItems: z.array(LateChecklistItem),
  /** Whether the CVE mapping is current: while not, the KEV deadlines of `assetIds` are not applied yet and the dashboard says so. */
  mapping: MappingProgress,
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

/** One fix in uncovered breach inside the period. */
export const BreachRow = FixSla.extend({
  resolvedAt: IsoTimestamp.nullable(),
  /** The uncovered intervals [from, to) inside the period. */
  intervals: z.array(z.object({ from: IsoTimestamp, to: IsoTimestamp })),
  /** Their total length in days (fractional). */
  breachDays: z.number().nonnegative(),
});
export type BreachRow = z.infer<typeof BreachRow>;

/** One asset's standing at the end of the period. */
export const AssetComplianceRow = z.object({
  assetId: Id,
  assetName: z.string(),
  address: z.string(),
  tier: TierSchema.nullable(),
  osName: z.string(),
  osVersion: z.string(),
  /** Fixes missing at the end of the period, security ones, overdue ones (without exception), excepted ones. */
  pending: Count,
  securityPending: Count,
  overdue: Count,
  excepted: Count,
  /** The missing fix whose SLA clock started earliest, aged from that clock start; null when nothing is missing. */
  oldestMissing: z.object({ updateName: z.string(), firstSeenAt: IsoTimestamp, clockStartAt: IsoTimestamp, clockBasis: z.enum(CLOCK_BASES), ageDays: z.number().int().nonnegative() }).nullable(),
  /** The latest collection at the end of the period; null when never collected. */
  lastCollection: z.object({ at: IsoTimestamp, outcome: z.enum(['ok', 'failed']), errorCode: CollectionErrorCode.nullable() }).nullable(),
  lastSuccessAt: IsoTimestamp.nullable(),
  /** Whether the asset was measured at the end of the period; when not, `gap` says why. */
  measured: z.boolean(),
  gap: CoverageGap.nullable(),
  endOfLife: z.object({ date: IsoDate, unsupported: z.boolean(), source: z.string(), osSource: OsSource }).nullable(),
});
export type AssetComplianceRow = z.infer<typeof AssetComplianceRow>;

/**
 * Everything the evidence pack shows for a period: the summary with no list capped, every breach
 * with its intervals, every asset's row, and each asset's latest failed collection inside the period.
 */
export const ComplianceDetail = ComplianceSummary.extend({
  breaches: z.array(BreachRow),
  /** Every asset in scope, by tier (unclassified last) then name. */
  assets: z.array(AssetComplianceRow),
  /** Per asset, the latest collection that failed inside the period, newest first. */
  failuresInPeriod: z.array(FailedCollection),
});
export type ComplianceDetail = z.infer<typeof ComplianceDetail>;
