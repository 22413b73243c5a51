/**
 * The compliance summary shaped for the dashboard's charts and tables. Shares become percents
 * (0-100) and stay null when nothing was measured, so a chart leaves a gap rather than drawing
 * a misleading zero.
 */
import type { ComplianceFigures, ComplianceSummary, OverdueBands } from '../../../../shared/contract';
import { TIER_LABELS, type Tier } from '../../../../shared/domain/risk-tier';
import { OVERDUE_AGE_BANDS, type OverdueAgeBand } from '../../../../shared/domain/sla/sla-rules';
import { sharePercent } from './share-format';
import { DISPLAY_LOCALE } from '../../lib/format';

/** How each overdue age band is named on the dashboard. */
export const AGE_BAND_LABELS: Record<OverdueAgeBand, string> = {
  '0-7': 'Up to 7 days',
  '8-30': '8–30 days',
  '31-90': '31–90 days',
  '90+': 'Over 90 days',
};

/** A tier's short name on an axis ("Tier 1", "Unclassified"). */
export function tierShortLabel(tier: Tier | null): string {
  return tier === null ? 'Unclassified' : `Tier ${tier}`;
}

/** A tier's full name ("Tier 1 · Critical", "Unclassified"). */
export function tierLongLabel(tier: Tier | null): string {
  return tier === null ? 'Unclassified' : TIER_LABELS[tier];
}

/** One group of the per-tier chart. */
export interface TierChartRow {
  label: string;
  longLabel: string;
  assets: number;
  /** Percent of the tier's measured assets with nothing missing; null when none was measured. */
  fullyPatched: number | null;
  /** Percent of the tier's missing fixes within SLA (or excepted); null when nothing is missing. */
  withinSla: number | null;
}

/**
 * Tiers 1-4 always (an empty tier is a fact worth seeing), then the unclassified assets only when
 * there are some.
 */
export function tierChartData(summary: ComplianceSummary): TierChartRow[] {
  return summary.tiers
    .filter((row) => row.tier !== null || row.figures.assets.inScope > 0)
    .map((row) => ({
      label: tierShortLabel(row.tier),
      longLabel: tierLongLabel(row.tier),
      assets: row.figures.assets.inScope,
      fullyPatched: sharePercent(row.figures.assets.fullyPatchedShare),
      withinSla: sharePercent(row.figures.missing.withinSlaShare),
    }));
}

/** One stacked bar of the overdue chart: a tier's overdue fixes by age band. */
export type OverdueChartRow = { label: string; longLabel: string; total: number } & OverdueBands;

/** Overdue fixes per applied tier (1-4) by age band. */
export function overdueChartData(summary: ComplianceSummary): OverdueChartRow[] {
  return summary.overdueByTier.map((row) => ({ label: tierShortLabel(row.tier), longLabel: tierLongLabel(row.tier), total: row.total, ...row.bands }));
}

/** True when any overdue fix is drawn (else the chart says so instead of drawing empty axes). */
export function hasOverdue(rows: readonly OverdueChartRow[]): boolean {
  return rows.some((row) => OVERDUE_AGE_BANDS.some((band) => row[band] > 0));
}

/** One month of the trend chart. */
export interface TrendChartRow {
  /** `YYYY-MM`. */
  month: string;
  /** The axis label: "Nov", with the year on the first point and on January ("Jan 27"). */
  label: string;
  /** The tooltip and table label: "November 2026", "November 2026 (to 22 Nov)" for a month cut short. */
  longLabel: string;
  assets: number;
  fullyPatched: number | null;
  withinSla: number | null;
  overdue: number;
  breaches: number;
}

function monthDate(month: string): number {
  return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
}

/** The trend's twelve months, oldest first; the last month may be cut short at the period's end. */
export function trendChartData(summary: ComplianceSummary, locale: string = DISPLAY_LOCALE): TrendChartRow[] {
  const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const shortWithYear = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const lastDay = summary.period.toDate;
  const endDate = Date.UTC(Number(lastDay.slice(0, 4)), Number(lastDay.slice(5, 7)) - 1, Number(lastDay.slice(8, 10)));
  const endIsMonthEnd = new Date(endDate + 86_400_000).getUTCDate() === 1;
  return summary.trend.map((point, index) => {
    const date = monthDate(point.month);
    const withYear = index === 0 || point.month.endsWith('-01');
    const cutShort = index === summary.trend.length - 1 && lastDay.startsWith(point.month) && !endIsMonthEnd;
    return {
      month: point.month,
      label: (withYear ? shortWithYear : short).format(date),
      longLabel: cutShort ? `${long.format(date)} (to ${dayMonth.format(endDate)})` : long.format(date),
      assets: point.assets,
      fullyPatched: sharePercent(point.fullyPatchedShare),
      withinSla: sharePercent(point.withinSlaShare),
      overdue: point.overdue,
      breaches: point.breaches,
    };
  });
}

/** One line of the per-tier table. */
export interface TierTableRow {
  key: string;
  tier: Tier | null;
  label: string;
  /** True for the whole-site line at the bottom. */
  total: boolean;
  figures: ComplianceFigures;
}

/** Tiers 1-4, unclassified when there are some, then the site total. */
export function tierTableRows(summary: ComplianceSummary): TierTableRow[] {
  const tiers = summary.tiers
    .filter((row) => row.tier !== null || row.figures.assets.inScope > 0)
    .map((row) => ({ key: row.tier === null ? 'none' : String(row.tier), tier: row.tier, label: tierLongLabel(row.tier), total: false, figures: row.figures }));
  return [...tiers, { key: 'site', tier: null, label: 'Whole site', total: true, figures: summary.site }];
}

/**
 * True when the site has nothing to show yet: no assets in scope, or none ever collected by the
 * end of the period. A site whose collections all failed or went stale is not empty: the gaps
 * are the news.
 */
export function isWithoutCollections(summary: ComplianceSummary): boolean {
  const total = summary.site.assets.inScope;
  const gaps = summary.coverageGaps;
  return total === 0 || (gaps.total >= total && gaps.items.length === gaps.total && gaps.items.every((gap) => gap.reason === 'never_collected'));
}

const percentText = (value: number | null) => (value === null ? 'no data' : `${Math.round(value)}%`);

/** What the per-tier chart says, in one sentence (the chart's accessible name). */
export function tierChartSummary(rows: readonly TierChartRow[]): string {
  return `Fully patched and within SLA by tier: ${rows.map((row) => `${row.label}, ${percentText(row.fullyPatched)} fully patched, ${percentText(row.withinSla)} within SLA`).join('; ')}.`;
}

/** What the overdue chart says, in one sentence. */
export function overdueChartSummary(rows: readonly OverdueChartRow[]): string {
  if (!hasOverdue(rows)) return 'No fix is overdue in any tier.';
  return `Overdue fixes by tier and age: ${rows.map((row) => `${row.label}, ${row.total} overdue${row.total > 0 ? ` (${OVERDUE_AGE_BANDS.filter((band) => row[band] > 0).map((band) => `${row[band]} ${AGE_BAND_LABELS[band].toLowerCase()}`).join(', ')})` : ''}`).join('; ')}.`;
}

/** What the trend chart says, in one sentence: the first and last month compared. */
export function trendChartSummary(rows: readonly TrendChartRow[]): string {
  const first = rows.find((row) => row.assets > 0);
  const last = rows.at(-1);
  if (!first || !last) return 'No trend yet: nothing was collected in the last twelve months.';
  return `Trend over twelve months: fully patched from ${percentText(first.fullyPatched)} in ${first.longLabel} to ${percentText(last.fullyPatched)} in ${last.longLabel}; within SLA from ${percentText(first.withinSla)} to ${percentText(last.withinSla)}; overdue fixes from ${first.overdue} to ${last.overdue}.`;
}
