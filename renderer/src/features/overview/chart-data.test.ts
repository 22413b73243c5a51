import { describe, expect, it } from 'vitest';
import { hasOverdue, isWithoutCollections, overdueChartData, overdueChartSummary, tierChartData, tierChartSummary, tierTableRows, trendChartData, trendChartSummary } from './chart-data';
import { makeFigures, makeSummary, makeTrendPoint } from './overview-fixtures.test-helper';

describe('tierChartData', () => {
  it('turns shares into percents, keeps tiers 1-4 and hides an empty unclassified group', () => {
    const summary = makeSummary();
    summary.tiers[0] = { tier: 1, figures: makeFigures({ assets: { inScope: 4, measured: 4, fullyPatched: 1, fullyPatchedShare: 0.25 }, missing: { total: 8, withinSlaShare: 0.625 } }) };
    summary.tiers[3] = { tier: 4, figures: makeFigures({ assets: { inScope: 0, measured: 0, fullyPatched: 0, fullyPatchedShare: null } }) };
    const rows = tierChartData(summary);
    expect(rows.map((row) => row.label)).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Tier 4']);
    expect(rows[0]).toEqual({ label: 'Tier 1', longLabel: 'Tier 1 · Critical', assets: 4, fullyPatched: 25, withinSla: 62.5 });
    // Nothing measured stays null: the chart leaves a gap, not a zero bar.
    expect(rows[3]?.fullyPatched).toBeNull();
    expect(rows[1]?.withinSla).toBeNull();
  });

  it('shows unclassified assets when there are some', () => {
    const summary = makeSummary();
    summary.tiers[4] = { tier: null, figures: makeFigures({ assets: { inScope: 3, measured: 3, fullyPatched: 0, fullyPatchedShare: 0 } }) };
    expect(tierChartData(summary).map((row) => row.label)).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Tier 4', 'Unclassified']);
  });
});

describe('overdueChartData', () => {
  it('flattens the bands of each applied tier', () => {
    const summary = makeSummary({
      overdueByTier: [
        { tier: 1, bands: { '0-7': 0, '8-30': 0, '31-90': 1, '90+': 2 }, total: 3 },
        { tier: 2, bands: { '0-7': 3, '8-30': 0, '31-90': 7, '90+': 10 }, total: 20 },
        { tier: 3, bands: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 }, total: 0 },
        { tier: 4, bands: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 }, total: 0 },
      ],
    });
    const rows = overdueChartData(summary);
    expect(rows[1]).toEqual({ label: 'Tier 2', longLabel: 'Tier 2 · High', total: 20, '0-7': 3, '8-30': 0, '31-90': 7, '90+': 10 });
    expect(hasOverdue(rows)).toBe(true);
    expect(hasOverdue(overdueChartData(makeSummary()))).toBe(false);
  });
});

describe('trendChartData', () => {
  it('labels months, with the year on the first point and on January', () => {
    const rows = trendChartData(makeSummary(), 'en-GB');
    expect(rows).toHaveLength(12);
    expect(rows[0]?.label).toBe('Dec 25');
    expect(rows[1]?.label).toBe('Jan 26');
    expect(rows[2]?.label).toBe('Feb');
    expect(rows[0]).toMatchObject({ month: '2025-12', longLabel: 'December 2025', fullyPatched: 50, withinSla: 90, overdue: 2, breaches: 3, assets: 10 });
  });

  it('says when the last month is cut short by the period', () => {
    const rows = trendChartData(makeSummary(), 'en-GB');
    expect(rows[11]?.longLabel).toBe('November 2026 (to 22 Nov)');
    const whole = makeSummary({ period: { from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', fromDate: '2026-10-01', toDate: '2026-10-31', timeZone: 'Europe/Berlin' } });
    whole.trend = whole.trend.map((point, index) => ({ ...point, month: `${index < 2 ? 2025 : 2026}-${String(((index + 10) % 12) + 1).padStart(2, '0')}` }));
    expect(trendChartData(whole, 'en-GB')[11]?.longLabel).toBe('October 2026');
  });

  it('keeps months before the site had assets as gaps', () => {
    const summary = makeSummary();
    summary.trend[0] = makeTrendPoint('2025-12', { assets: 0, fullyPatchedShare: null, withinSlaShare: null, overdue: 0 });
    expect(trendChartData(summary)[0]).toMatchObject({ fullyPatched: null, withinSla: null });
  });
});

describe('tierTableRows', () => {
  it('lists the tiers then the site total', () => {
    const rows = tierTableRows(makeSummary());
    expect(rows.map((row) => row.label)).toEqual(['Tier 1 · Critical', 'Tier 2 · High', 'Tier 3 · Standard', 'Tier 4 · Low', 'Whole site']);
    expect(rows.at(-1)?.total).toBe(true);
  });
});

describe('isWithoutCollections', () => {
  it('is true for a site with no assets or none collected', () => {
    expect(isWithoutCollections(makeSummary({ site: makeFigures({ assets: { inScope: 0, measured: 0, fullyPatched: 0, fullyPatchedShare: null } }) }))).toBe(true);
    const never = (assetId: number) => ({ assetId, assetName: `a${assetId}`, tier: null, reason: 'never_collected' as const, lastSuccessAt: null, staleSince: null, failure: null });
    const uncollected = makeSummary({ site: makeFigures({ assets: { inScope: 2, measured: 0 } }), coverageGaps: { total: 2, items: [never(1), never(2)] } });
    expect(isWithoutCollections(uncollected)).toBe(true);
  });

  it('is false once one asset was collected, even when its collections fail', () => {
    const failed = { assetId: 1, assetName: 'a1', tier: null, reason: 'last_failed' as const, lastSuccessAt: null, staleSince: null, failure: { at: '2026-11-01T00:00:00.000Z', errorCode: 'timeout', message: 'no answer' } };
    const never = { ...failed, assetId: 2, assetName: 'a2', reason: 'never_collected' as const, failure: null };
    const failing = makeSummary({ site: makeFigures({ assets: { inScope: 2, measured: 0 } }), coverageGaps: { total: 2, items: [failed, never] } });
    expect(isWithoutCollections(failing)).toBe(false);
    expect(isWithoutCollections(makeSummary())).toBe(false);
  });
});

describe('chart summaries', () => {
  it('says in words what each chart draws', () => {
    const summary = makeSummary();
    summary.tiers[0] = { tier: 1, figures: makeFigures({ assets: { inScope: 4, measured: 4, fullyPatched: 1, fullyPatchedShare: 0.25 }, missing: { total: 8, withinSlaShare: 0.625 } }) };
    expect(tierChartSummary(tierChartData(summary))).toMatch(/^Fully patched and within SLA by tier: Tier 1, 25% fully patched, 63% within SLA; Tier 2, 100% fully patched, no data within SLA;/);
    expect(overdueChartSummary(overdueChartData(makeSummary()))).toBe('No fix is overdue in any tier.');
    summary.overdueByTier[1] = { tier: 2, bands: { '0-7': 3, '8-30': 0, '31-90': 7, '90+': 0 }, total: 10 };
    expect(overdueChartSummary(overdueChartData(summary))).toContain('Tier 2, 10 overdue (3 up to 7 days, 7 31–90 days)');
    expect(trendChartSummary(trendChartData(makeSummary(), 'en-GB'))).toBe(
      'Trend over twelve months: fully patched from 50% in December 2025 to 50% in November 2026 (to 22 Nov); within SLA from 90% to 90%; overdue fixes from 2 to 2.',
    );
    expect(trendChartSummary([])).toMatch(/^No trend yet/);
  });
});
