/**
 * The figures of one period from prepared fixes (the reference `complianceReport` states the same
 * rules slowly, under testing/): snapshot
 * figures at the period's end (patched assets, missing fixes by SLA state, overdue fixes by tier
 * and age, the oldest missing security fix) and the fixes in uncovered breach inside it; for the
 * whole site, per asset tier, and (on request) per asset.
 *
 * Unmeasured is not patched: the patched shares count only the assets measured at the period's
 * end (see shared/domain/coverage.ts) and say how many were; missing and overdue fixes count
 * every fix known missing, on measured assets or not (a fix known missing is not assumed fixed).
 */
import type { ComplianceFigures, OverdueBands, OverdueByTierRow, TierFigures } from '../../contract/compliance';
import { TIERS, type Tier } from '../risk-tier';
import { OVERDUE_AGE_BANDS, overdueAgeBand, type OverdueAgeBand } from './sla-rules';
import type { MsInterval, PreparedFix, SlaEngine, Standing } from './sla-engine';
import { compareFixes, fixAgeDays, olderFix, type OldestFix } from './oldest-fix';

/** An asset in scope, and since when Patchdesk knows it. */
export interface ScopeAsset {
  id: number;
  tier: Tier | null;
  /** Assets appear in the figures from this instant on. */
  knownSinceMs: number;
}

/** A fix overdue at the end of the period. */
export interface OverdueEntry {
  fix: PreparedFix;
  standing: Standing;
  band: OverdueAgeBand;
}

/** A fix in uncovered breach inside the period. */
export interface BreachEntry {
  fix: PreparedFix;
  intervals: MsInterval[];
  durationMs: number;
}

/** One asset at the end of the period. */
export interface AssetStanding {
  pending: number;
  security: number;
  overdue: number;
  excepted: number;
  /** The missing fix whose SLA clock started earliest (see oldest-fix.ts). */
  oldest: PreparedFix | null;
}

/** What `evaluatePeriod` returns; lists are in display order. */
export interface PeriodEvaluation {
  site: ComplianceFigures;
  /** Tiers 1-4 then unclassified. */
  tiers: TierFigures[];
  overdueByTier: OverdueByTierRow[];
  /** Longest overdue first, then applied tier, asset, name. Empty unless `options.overdue`. */
  overdue: OverdueEntry[];
  /** The missing security fix whose SLA clock started earliest, aged at the period's end (see oldest-fix.ts). */
  oldestSecurity: OldestFix | null;
  /** Longest total breach first. Empty unless `options.detail`. */
  breaches: BreachEntry[];
  /** Every asset in scope. Empty unless `options.detail`. */
  perAsset: Map<number, AssetStanding>;
}

/** What to collect beyond the counts. */
export interface EvaluateOptions {
  /** The overdue entries, sorted. */
  overdue?: boolean;
  /** Every breach with its intervals, and every asset's standing. */
  detail?: boolean;
}

interface Tally {
  assets: number;
  measured: number;
  withMissing: number;
  withMissingSecurity: number;
  missing: { total: number; within: number; dueSoon: number; overdue: number; excepted: number; security: number };
  bands: OverdueBands;
  breaches: number;
}

interface AssetFlags {
  group: number;
  measured: boolean;
  missing: boolean;
  security: boolean;
}

const emptyBands = (): OverdueBands => Object.fromEntries(OVERDUE_AGE_BANDS.map((band) => [band, 0])) as OverdueBands;

const newTally = (): Tally => ({ assets: 0, measured: 0, withMissing: 0, withMissingSecurity: 0, missing: { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0, security: 0 }, bands: emptyBands(), breaches: 0 });

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Tiers 1-4 are groups 0-3; unclassified assets are group 4. */
const groupOf = (tier: Tier | null): number => (tier === null ? 4 : tier - 1);

function figuresOf(tally: Tally): ComplianceFigures {
  // withMissing and withMissingSecurity count measured assets only.
  const fullyPatched = tally.measured - tally.withMissing;
  const securityPatched = tally.measured - tally.withMissingSecurity;
  const m = tally.missing;
  return {
    assets: {
      inScope: tally.assets,
      measured: tally.measured,
      coverageShare: share(tally.measured, tally.assets),
      fullyPatched,
      fullyPatchedShare: share(fullyPatched, tally.measured),
      securityPatched,
      securityPatchedShare: share(securityPatched, tally.measured),
    },
    missing: { ...m, withinSlaShare: share(m.within + m.dueSoon + m.excepted, m.total) },
    overdueByBand: tally.bands,
    breaches: tally.breaches,
  };
}

function sum(tallies: readonly Tally[]): Tally {
  const out = newTally();
  for (const t of tallies) {
    out.assets += t.assets;
    out.measured += t.measured;
    out.withMissing += t.withMissing;
    out.withMissingSecurity += t.withMissingSecurity;
    for (const key of Object.keys(out.missing) as (keyof Tally['missing'])[]) out.missing[key] += t.missing[key];
    for (const band of OVERDUE_AGE_BANDS) out.bands[band] += t.bands[band];
    out.breaches += t.breaches;
  }
  return out;
}

/**
 * Evaluates the period [period.from, period.to) over `fixes` (those overlapping it; others are
 * ignored) for the assets known by the period's end; `measured` holds the ids of the assets
 * measured at the period's end.
 */
export function evaluatePeriod(engine: SlaEngine, fixes: Iterable<PreparedFix>, assets: readonly ScopeAsset[], measured: ReadonlySet<number>, period: MsInterval, options: EvaluateOptions = {}): PeriodEvaluation {
  const evaluator = new PeriodEvaluator(engine, assets, measured, period, options);
  for (const fix of fixes) evaluator.add(fix);
  return evaluator.result();
}

/**
 * `evaluatePeriod` fed one fix at a time: several periods (the months of a trend) can be
 * evaluated in one pass over a stream of fixes, none of them kept unless a requested list names
 * it. Add the fixes in the order `evaluatePeriod` would get them, then take `result()` once.
 */
export class PeriodEvaluator {
  private readonly at: number;
  private readonly atDay: number;
  private readonly tallies = [newTally(), newTally(), newTally(), newTally(), newTally()] as [Tally, Tally, Tally, Tally, Tally];
  private readonly byAsset = new Map<number, AssetFlags>();
  private readonly perAsset = new Map<number, AssetStanding>();
  private readonly overdueByTier = new Map<Tier, OverdueBands>(TIERS.map((tier) => [tier, emptyBands()]));
  private readonly overdue: OverdueEntry[] = [];
  private readonly breaches: BreachEntry[] = [];
  private oldest: PreparedFix | null = null;

  constructor(
    private readonly engine: SlaEngine,
    assets: readonly ScopeAsset[],
    measured: ReadonlySet<number>,
    private readonly period: MsInterval,
    private readonly options: EvaluateOptions = {},
  ) {
    this.at = period.to;
    this.atDay = engine.localDay(this.at);
    for (const asset of assets) {
      if (asset.knownSinceMs > this.at) continue;
      const group = groupOf(asset.tier);
      const isMeasured = measured.has(asset.id);
      this.byAsset.set(asset.id, { group, measured: isMeasured, missing: false, security: false });
      (this.tallies[group] as Tally).assets++;
      if (isMeasured) (this.tallies[group] as Tally).measured++;
      if (options.detail) this.perAsset.set(asset.id, { pending: 0, security: 0, overdue: 0, excepted: 0, oldest: null });
    }
  }

  /** Counts one fix (ignored unless it was missing at some time of the period, on an asset known by its end). */
  add(fix: PreparedFix): void {
    const { engine, period, options, at } = this;
    // Never missing inside the period: neither in breach there nor missing at its end.
    if (fix.firstSeenMs > period.to || fix.resolvedMs <= period.from) return;
    const flags = this.byAsset.get(fix.record.assetId);
    if (!flags) return;
    const tally = this.tallies[flags.group] as Tally;

    if (fix.resolvedMs > period.from && fix.dueAtMs < period.to && fix.resolvedMs > fix.dueAtMs) {
      const intervals = engine.breachIntervals(fix, period.from, period.to);
      if (intervals.length > 0) {
        tally.breaches++;
        if (options.detail) this.breaches.push({ fix, intervals, durationMs: intervals.reduce((total, i) => total + (i.to - i.from), 0) });
      }
    }

    if (!engine.missingAt(fix, at)) return;
    const standing = engine.standing(fix, at, this.atDay);
    const own = options.detail ? this.perAsset.get(fix.record.assetId) : undefined;
    flags.missing = true;
    tally.missing.total++;
    if (fix.security) {
      flags.security = true;
      tally.missing.security++;
      this.oldest = olderFix(this.oldest, fix);
    }
    if (own) {
      own.pending++;
      if (fix.security) own.security++;
      own.oldest = olderFix(own.oldest, fix);
    }
    switch (standing.state) {
      case 'within':
        tally.missing.within++;
        break;
      case 'due_soon':
        tally.missing.dueSoon++;
        break;
      case 'excepted':
        tally.missing.excepted++;
        if (own) own.excepted++;
        break;
      case 'overdue': {
        tally.missing.overdue++;
        if (own) own.overdue++;
        const band = overdueAgeBand(standing.overdueDays);
        tally.bands[band]++;
        (this.overdueByTier.get(fix.tier) as OverdueBands)[band]++;
        if (options.overdue || options.detail) this.overdue.push({ fix, standing, band });
        break;
      }
    }
  }

  /** The figures of the fixes added; call once, after the last `add`. */
  result(): PeriodEvaluation {
    const { tallies, overdue, breaches, oldest, engine, overdueByTier } = this;
    for (const flags of this.byAsset.values()) {
      const tally = tallies[flags.group] as Tally;
      if (!flags.measured) continue;
      if (flags.missing) tally.withMissing++;
      if (flags.security) tally.withMissingSecurity++;
    }
    overdue.sort((a, b) => b.standing.overdueDays - a.standing.overdueDays || a.fix.tier - b.fix.tier || compareFixes(a.fix, b.fix));
    breaches.sort((a, b) => b.durationMs - a.durationMs || compareFixes(a.fix, b.fix));

    return {
      site: figuresOf(sum(tallies)),
      tiers: [...TIERS, null].map((tier) => ({ tier, figures: figuresOf(tallies[groupOf(tier)] as Tally) })),
      overdueByTier: TIERS.map((tier) => {
        const bands = overdueByTier.get(tier) as OverdueBands;
        return { tier, bands, total: OVERDUE_AGE_BANDS.reduce((total, band) => total + bands[band], 0) };
      }),
      overdue,
      oldestSecurity: oldest === null ? null : { fix: oldest, ageDays: fixAgeDays(engine, oldest, this.atDay) },
      breaches,
      perAsset: this.perAsset,
    };
  }
}
