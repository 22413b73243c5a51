import type { ComplianceFigures, ComplianceSummary, TrendPoint } from '../../../../shared/contract';

/** Figures for tests: `assets` assets, nothing missing, with the given parts changed. */
export function makeFigures(patch: { assets?: Partial<ComplianceFigures['assets']>; missing?: Partial<ComplianceFigures['missing']>; overdueByBand?: Partial<ComplianceFigures['overdueByBand']>; breaches?: number } = {}): ComplianceFigures {
  return {
    assets: { inScope: 10, measured: 10, coverageShare: 1, fullyPatched: 10, fullyPatchedShare: 1, securityPatched: 10, securityPatchedShare: 1, ...patch.assets },
    missing: { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0, withinSlaShare: null, security: 0, ...patch.missing },
    overdueByBand: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0, ...patch.overdueByBand },
    breaches: patch.breaches ?? 0,
  };
}

/** One month of the trend for tests. */
export function makeTrendPoint(month: string, patch: Partial<TrendPoint> = {}): TrendPoint {
  return { month, from: `${month}-01T00:00:00.000Z`, to: `${month}-28T00:00:00.000Z`, assets: 10, measured: 10, fullyPatchedShare: 0.5, withinSlaShare: 0.9, missing: 12, overdue: 2, securityMissing: 6, breaches: 3, ...patch };
}

/** A quiet site summary for tests (10 assets, all patched, nothing listed), with the given fields changed. */
export function makeSummary(patch: Partial<ComplianceSummary> = {}): ComplianceSummary {
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  return {
    siteId: 1,
    siteName: 'Acme Dental',
    period: { from: '2026-10-23T22:00:00.000Z', to: '2026-11-22T14:00:00.000Z', fromDate: '2026-10-24', toDate: '2026-11-22', timeZone: 'Europe/Berlin' },
    site: makeFigures(),
    tiers: [1, 2, 3, 4, null].map((tier) => ({ tier: tier as 1 | 2 | 3 | 4 | null, figures: makeFigures({ assets: { inScope: tier === null ? 0 : 2, measured: tier === null ? 0 : 2, fullyPatched: tier === null ? 0 : 2, fullyPatchedShare: tier === null ? null : 1 } }) })),
    overdueByTier: ([1, 2, 3, 4] as const).map((tier) => ({ tier, bands: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 }, total: 0 })),
    oldestMissingSecurity: null,
    overdue: { total: 0, items: [] },
    coverageGaps: { total: 0, items: [] },
    freshnessDays: 7,
    unsupportedOs: { total: 0, items: [] },
    exceptions: {
      byStatus: { active: 0, expiring_soon: 0, expired: 0, closed: 0, renewed: 0, scheduled: 0 },
      active: 0,
      expiringSoon: { total: 0, items: [] },
      expired: { total: 0, items: [] },
      expiredDuringPeriod: 0,
    },
    trend: months.map((month) => makeTrendPoint(month)),
    mapping: { current: true, pendingAssets: 0, assetIds: [] },
    lateChecklistItems: [],
    ...patch,
  };
}
