/**
 * Compliance of a site over a period, for the dashboard (`summary`) and the evidence pack
 * (`report`): the SLA domain's figures for the whole site and per tier, overdue fixes by tier and
 * age, the oldest missing security fix, coverage (which assets were measured, and why the others
 * were not), unsupported operating systems, the exception register's standing, and a
 * twelve-month trend.
 *
 * Figures come from `evaluatePeriod` over the SLA engine (the domain's rules, prepared once per
 * fix). Trend points of whole past months are kept in a `TrendCache` between calls, so the
 * dashboard reads twelve months of history once and then only the current month.
 */
import type { ComplianceDetail, ComplianceSummary, CoverageGap, LateChecklistItem, TrendPoint } from '../../../shared/contract/compliance';
import { measuredBySuccesses } from '../../../shared/domain/coverage';
import type { EolTable } from '../../../shared/domain/end-of-life';
import { DAY_MS, formatInstant, parseInstant } from '../../../shared/domain/sla/local-time';
import type { Clock } from '../../platform/clock';
import type { CollectionStanding, ComplianceRepository, ScopeAssetRow } from '../../db/repositories/compliance.repository';
import { assetRows, breachRow, capped, coverageGaps, exceptionsSection, failedCollection, measurementOf, overdueItem, unsupportedOs } from './compliance-sections';
import { evaluatePeriod, PeriodEvaluator, type PeriodEvaluation, type ScopeAsset } from '../../../shared/domain/sla/period-figures';
import { resolvePeriod, trendMonths, type ResolvedPeriod, type TrendMonth } from './period';
import type { SiteSlaClock, SlaContext } from './site-sla-clock';
import { exceptionsAffecting, instantMs, needsFixLists, SlaEngine, type PreparedFix } from '../../../shared/domain/sla/sla-engine';
import { TrendCache } from './trend-cache';

/** How many entries the summary lists at most (the report lists all). */
export const SUMMARY_LIST_CAP = 50;

/**
 * Where late checklist items come from: the patch cycles' late items of a site at an instant
 * (the period's end). The composition root passes a function reading them, such as
 * `(siteId, at) => cycles.lateItems(siteId, at)`; without one the list is empty.
 */
export type LateChecklistSource = (siteId: number, at: string) => readonly LateChecklistItem[];

/** What the compliance service reads: the repository, the sites' SLA context, the clock and the end-of-life table. */
export interface ComplianceServiceDeps {
  compliance: ComplianceRepository;
  slaClock: SiteSlaClock;
  clock: Clock;
  eolTable: EolTable;
  lateChecklistItems?: LateChecklistSource;
}

/** Everything one period's figures are computed from. */
interface Loaded {
  context: SlaContext;
  period: ResolvedPeriod;
  engine: SlaEngine;
  assets: ScopeAssetRow[];
  scope: ScopeAsset[];
  /** The fixes missing at some time of the period (the trend months' are not kept). */
  fixes: PreparedFix[];
  trend: TrendPoint[];
}

// Stored instants are compared as text; a day's margin catches any spelled with an offset, and
// the engine then decides exactly.
const QUERY_MARGIN_MS = DAY_MS;

/** Compliance figures of a site for the dashboard and the evidence pack; see the file comment. */
export class ComplianceService {
  private readonly trendCache = new TrendCache();

  constructor(private readonly deps: ComplianceServiceDeps) {}

  /**
   * The dashboard's summary; the period defaults to the 30 local days ending now. Long lists are
   * capped at `SUMMARY_LIST_CAP` entries, with their full length.
   *
   * @throws AppError not_found for an unknown site, bad_request for a period that does not end after it starts.
   */
  summary(siteId: number, request: { from?: string | undefined; to?: string | undefined } = {}): ComplianceSummary {
    const loaded = this.load(siteId, request);
    const standings = this.deps.compliance.collectionStandings(siteId, loaded.period.to);
    const coverage = this.coverage(loaded, standings);
    const evaluation = evaluatePeriod(loaded.engine, loaded.fixes, loaded.scope, coverage.measured, { from: loaded.period.fromMs, to: loaded.period.toMs }, { overdue: true });
    return this.summarise(loaded, evaluation, standings, coverage.gaps, SUMMARY_LIST_CAP);
  }

  /**
   * The full detail of a period, for the evidence pack: the summary with no list capped, every
   * breach with its intervals, every asset's row, and the failed collections inside the period.
   *
   * @throws AppError as `summary` does.
   */
  report(siteId: number, request: { from: string; to: string }): ComplianceDetail {
    const loaded = this.load(siteId, request);
    const { period, engine, assets } = loaded;
    const standings = this.deps.compliance.collectionStandings(siteId, period.to);
    const coverage = this.coverage(loaded, standings);
    const evaluation = evaluatePeriod(engine, loaded.fixes, loaded.scope, coverage.measured, { from: period.fromMs, to: period.toMs }, { overdue: true, detail: true });
    const summary = this.summarise(loaded, evaluation, standings, coverage.gaps, null);
    const byId = new Map(assets.map((asset) => [asset.id, asset]));
    return {
      ...summary,
      breaches: evaluation.breaches.map((entry) => breachRow(entry, byId)),
      assets: assetRows(assets, evaluation.perAsset, standings, coverage.gaps, engine, period.toMs, this.deps.eolTable, period.toDate),
      failuresInPeriod: this.deps.compliance
        .failuresBetween(siteId, period.from, period.to)
        .map((failure) => failedCollection(byId.get(failure.assetId), failure, standings.get(failure.assetId)?.lastSuccessAt ?? null)),
    };
  }

  /** Which assets were measured at the period's end, and the gaps (the others, with why). */
  private coverage(loaded: Loaded, standings: ReadonlyMap<number, CollectionStanding>): { measured: Set<number>; gaps: CoverageGap[] } {
    const measurements = new Map(loaded.assets.map((asset) => [asset.id, measurementOf(standings.get(asset.id), loaded.period.toMs, loaded.context.policy.freshnessDays)]));
    const measured = new Set([...measurements].filter(([, measurement]) => measurement.measured).map(([id]) => id));
    return { measured, gaps: coverageGaps(loaded.assets, measurements) };
  }

  private summarise(loaded: Loaded, evaluation: PeriodEvaluation, standings: ReadonlyMap<number, CollectionStanding>, gaps: readonly CoverageGap[], cap: number | null): ComplianceSummary {
    const { context, period, engine, assets } = loaded;
    const byId = new Map(assets.map((asset) => [asset.id, asset]));
    const oldest = evaluation.oldestSecurity;
    return {
      siteId: context.site.id,
      siteName: context.site.name,
      period: { from: period.from, to: period.to, fromDate: period.fromDate, toDate: period.toDate, timeZone: context.timeZone },
      site: evaluation.site,
      tiers: evaluation.tiers,
      overdueByTier: evaluation.overdueByTier,
      oldestMissingSecurity: oldest
        ? { assetId: oldest.fix.record.assetId, assetName: byId.get(oldest.fix.record.assetId)?.name ?? '', updateName: oldest.fix.record.name, firstSeenAt: formatInstant(oldest.fix.firstSeenMs), clockStartAt: formatInstant(oldest.fix.clockStartMs), clockBasis: oldest.fix.clockBasis, ageDays: oldest.ageDays }
        : null,
      overdue: { total: evaluation.overdue.length, items: (cap === null ? evaluation.overdue : evaluation.overdue.slice(0, cap)).map((entry) => overdueItem(entry, byId)) },
      coverageGaps: capped(gaps, cap),
      freshnessDays: context.policy.freshnessDays,
      unsupportedOs: capped(unsupportedOs(assets, standings, this.deps.eolTable, period.toDate), cap),
      exceptions: exceptionsSection(context.stored, engine, period, cap),
      trend: loaded.trend,
      lateChecklistItems: [...(this.deps.lateChecklistItems?.(context.site.id, period.to) ?? [])],
      mapping: context.mapping,
    };
  }

  /**
   * Loads the site, the period's fixes and the trend. The fixes of the period and of the trend
   * months not cached yet are read once, one at a time, and folded into each month's figures as
   * they come; only the period's are kept, so memory is bounded by one period's fixes whatever the
   * history's length. Cached months are reused while valid.
   */
  private load(siteId: number, request: { from?: string | undefined; to?: string | undefined }): Loaded {
    const repository = this.deps.compliance;
    const context = this.deps.slaClock.context(siteId);
    const nowMs = this.deps.clock.now().getTime();
    const period = resolvePeriod(request, context.timeZone, nowMs);
    const months = trendMonths(period.toMs, context.timeZone);

    // Read before the data, so a collection stored meanwhile is checked on the next call.
    const watermark = repository.latestCollectionId();
    const fingerprint = JSON.stringify({ timeZone: context.timeZone, policy: context.policy, kev: context.kev.key, ...repository.fingerprint(siteId) });
    const cached = this.trendCache.lookup(siteId, fingerprint, (after) => {
      const fresh = repository.collectionsAfter(siteId, after);
      return { earliestMs: fresh.earliestAt === null ? null : parseInstant(fresh.earliestAt), maxId: fresh.maxId };
    });
    const keyOf = (month: TrendMonth) => `${month.fromMs}-${month.toMs}`;
    const toCompute = months.filter((month) => !cached.has(keyOf(month)));

    const loadFromMs = Math.min(period.fromMs, ...toCompute.map((month) => month.fromMs));
    const assets = repository.scopeAssets(siteId);
    const tiers = new Map(assets.map((asset) => [asset.id, asset.tier]));
    // Only exceptions active at some time of the range can change its figures.
    const exceptions = exceptionsAffecting(context.exceptions, loadFromMs, period.toMs);
    const engine = new SlaEngine(context.policy, context.timeZone, exceptions, context.kev);
    const [fromText, toText] = [formatInstant(loadFromMs - QUERY_MARGIN_MS), formatInstant(period.toMs + QUERY_MARGIN_MS)];
    const scope = scopeOf(assets, repository.eachFirstSeenOverlapping(siteId, fromText, toText));
    // Successful collections that can make an asset measured at some trend point.
    const freshnessMs = context.policy.freshnessDays * DAY_MS;
    const successes = repository.successesBetween(siteId, formatInstant(loadFromMs - freshnessMs - QUERY_MARGIN_MS), toText);
    const measuredAt = (atMs: number) => new Set(assets.filter((asset) => measuredBySuccesses(successes.get(asset.id) ?? [], atMs, context.policy.freshnessDays)).map((asset) => asset.id));

    // One pass over the range's fixes, each prepared once as it is read and folded into every
    // month still to compute; only the period's own fixes are kept (its lists name them).
    const evaluators = toCompute.map((month) => ({ month, evaluator: new PeriodEvaluator(engine, scope, measuredAt(month.toMs), { from: month.fromMs, to: month.toMs }) }));
    const fixes: PreparedFix[] = [];
    for (const row of repository.eachFixOverlapping(siteId, fromText, toText, { withLists: needsFixLists(exceptions) })) {
      if (!tiers.has(row.assetId)) continue;
      const fix = engine.prepare(row, tiers.get(row.assetId) ?? null);
      // The fixes evaluatePeriod would not skip for the period, in the same order.
      if (fix.firstSeenMs <= period.toMs && fix.resolvedMs > period.fromMs) fixes.push(fix);
      for (const { evaluator } of evaluators) evaluator.add(fix);
    }
    const fresh = new Map(evaluators.map(({ month, evaluator }) => [keyOf(month), trendPoint(month, evaluator.result())]));

    const computed: { key: string; toMs: number; point: TrendPoint }[] = [];
    const trend = months.map((month) => {
      const hit = cached.get(keyOf(month));
      if (hit) return hit;
      const point = fresh.get(keyOf(month)) as TrendPoint;
      // Only months over in real time too: data about a running month can still arrive.
      if (month.complete && month.toMs <= nowMs) computed.push({ key: keyOf(month), toMs: month.toMs, point });
      return point;
    });
    if (computed.length > 0) this.trendCache.store(siteId, fingerprint, watermark, computed);
    return { context, period, engine, assets, scope, fixes, trend };
  }
}

/**
 * The assets in scope and since when each is known: its creation in the inventory, its first
 * collection, or the first sighting of one of its fixes (`firstSeen`: asset and instant of each
 * fix read for the figures), whichever is earliest.
 */
function scopeOf(assets: readonly ScopeAssetRow[], firstSeen: Iterable<readonly [assetId: number, firstSeenAt: string]>): ScopeAsset[] {
  const known = new Map<number, number>();
  for (const asset of assets) {
    const created = Date.parse(asset.createdAt);
    const collected = asset.firstCollectedAt === null ? Infinity : Date.parse(asset.firstCollectedAt);
    known.set(asset.id, Math.min(Number.isNaN(created) ? Infinity : created, Number.isNaN(collected) ? Infinity : collected));
  }
  for (const [assetId, firstSeenAt] of firstSeen) {
    const current = known.get(assetId);
    // The engine's reading of the instant (what `PreparedFix.firstSeenMs` holds).
    if (current === undefined) continue;
    const firstSeenMs = instantMs(firstSeenAt);
    if (firstSeenMs < current) known.set(assetId, firstSeenMs);
  }
  return assets.map((asset) => ({ id: asset.id, tier: asset.tier, knownSinceMs: known.get(asset.id) ?? Infinity }));
}

function trendPoint(month: TrendMonth, evaluation: PeriodEvaluation): TrendPoint {
  const { site } = evaluation;
  return {
    month: month.month,
    from: formatInstant(month.fromMs),
    to: formatInstant(month.toMs),
    assets: site.assets.inScope,
    measured: site.assets.measured,
    fullyPatchedShare: site.assets.fullyPatchedShare,
    withinSlaShare: site.missing.withinSlaShare,
    missing: site.missing.total,
    overdue: site.missing.overdue,
    securityMissing: site.missing.security,
    breaches: site.breaches,
  };
}
