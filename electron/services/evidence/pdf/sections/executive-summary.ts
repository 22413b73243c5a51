/**
 * The executive summary: the headline figures as tiles, the fleet's patch state and the overdue
 * fixes as charts, and the twelve-month trend. Everything a broker reads first, on one page.
 */
import type { Content } from 'pdfmake/interfaces';
import { COVERAGE_GAP_LABELS, COVERAGE_GAP_REASONS, measuredPhrase } from '../../../../../shared/domain/coverage';
import { OVERDUE_AGE_BANDS } from '../../../../../shared/domain/sla/sla-rules';
import { clockSinceLabel } from '../../../../../shared/domain/sla/clock-start';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, sectionTitle, subheading } from '../blocks';
import { donutChartSvg } from '../charts/donut-chart';
import { stackedBarChartSvg } from '../charts/stacked-bar-chart';
import { trendChartSvg } from '../charts/trend-chart';
import { formatCount, formatDate, formatLongDate, formatMonthTick, formatPatchedShare, formatShare, plural, tierLabel } from '../format';
import { COLOURS } from '../styles';

interface Tile {
  value: string;
  label: string;
  detail: string;
  colour?: string;
}

function tile(t: Tile): Content {
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: t.value, style: 'kpiValue', color: t.colour ?? COLOURS.brand },
              { text: t.label, fontSize: 7.5, bold: true, color: COLOURS.ink, margin: [0, 1, 0, 1] },
              { text: t.detail, style: 'kpiLabel' },
            ],
            fillColor: COLOURS.panel,
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 8, paddingRight: () => 6, paddingTop: () => 7, paddingBottom: () => 7 },
  };
}

function tileRow(tiles: readonly Tile[], bottom = 8): Content {
  return { columns: tiles.map((t) => ({ stack: [tile(t)], width: '*' })), columnGap: 8, margin: [0, 0, 0, bottom] };
}

/** "2 never collected, 1 last collection failed, 1 stale": the gaps by reason, in the gap order. */
export function gapBreakdown(report: EvidenceReport): string {
  return COVERAGE_GAP_REASONS.map((reason) => ({ reason, count: report.coverageGaps.filter((gap) => gap.reason === reason).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => `${formatCount(entry.count)} ${COVERAGE_GAP_LABELS[entry.reason].toLowerCase()}`)
    .join(', ');
}

/** While the CVE mapping was not current when the pack was built: which assets wait, so no figure reads them as clean. */
function mappingNoticeBlock(report: EvidenceReport): Content[] {
  const { notice, assets } = report.cveMapping;
  if (notice === null) return [];
  return [{ text: `${notice} Assets waiting: ${assets.join(', ')}.`, color: COLOURS.warn, bold: true, margin: [0, 0, 0, 8] }];
}

/** The sentence that says in words what the tiles say in numbers. */
export function summaryNarrative(report: EvidenceReport): string {
  const s = report.summary;
  const end = formatLongDate(report.meta.period.toDate);
  if (s.assetsInScope === 0) return `No assets were in scope for this period, so there is nothing to report as patched or overdue at the end of the period (${end}).`;
  const fresh = `${formatCount(report.meta.policy.freshnessDays)} ${report.meta.policy.freshnessDays === 1 ? 'day' : 'days'}`;
  const coverage = `At the end of the period (${end}), ${formatCount(s.assetsMeasured)} of the ${formatCount(s.assetsInScope)} assets in scope (${formatShare(s.coverageShare)}) were measured: a collection of each succeeded within the ${fresh} before.`;
  const patched =
    s.assetsMeasured === 0
      ? ' No asset was measured, so no patched share can be given: fully patched and security patched are not measured.'
      : ` Of the ${formatCount(s.assetsMeasured)} measured, ${formatCount(s.fullyPatched)} (${formatPatchedShare(s.fullyPatchedShare)}) had every available fix installed and ${formatCount(s.securityPatched)} (${formatPatchedShare(s.securityPatchedShare)}) had no missing security fix.`;
  const gaps = s.coverageGaps === 0 ? '' : ` ${formatCount(s.coverageGaps)} ${s.coverageGaps === 1 ? 'asset is a coverage gap' : 'assets are coverage gaps'} (${gapBreakdown(report)}), not counted as patched.`;
  const m = s.missing;
  const fixes =
    m.total === 0
      ? ' No fix was known missing.'
      : ` Of ${formatCount(m.total)} fixes known missing, ${formatCount(m.within + m.dueSoon + m.excepted)} (${formatShare(m.withinSlaShare)}) were within their SLA or covered by an active exception, and ${formatCount(m.overdue)} ${m.overdue === 1 ? 'was' : 'were'} overdue.`;
  return coverage + patched + gaps + fixes;
}

function tiles(report: EvidenceReport): Content[] {
  const s = report.summary;
  const tz = report.meta.timezone;
  const oldest = s.oldestMissingSecurity;
  const ofMeasured = measuredPhrase(s.assetsMeasured, s.assetsInScope);
  return [
    tileRow([
      {
        value: formatShare(s.coverageShare),
        label: 'Coverage (measured assets)',
        detail: `${formatCount(s.assetsMeasured)} of ${formatCount(s.assetsInScope)} in scope`,
        colour: s.assetsMeasured < s.assetsInScope ? COLOURS.warn : COLOURS.ok,
      },
      { value: formatPatchedShare(s.fullyPatchedShare), label: 'Fully patched', detail: `${formatCount(s.fullyPatched)} ${ofMeasured}` },
      { value: formatPatchedShare(s.securityPatchedShare), label: 'Security patched', detail: `${formatCount(s.securityPatched)} ${ofMeasured}` },
      { value: formatShare(s.missing.withinSlaShare), label: 'Missing fixes within SLA', detail: `${formatCount(s.missing.within + s.missing.dueSoon + s.missing.excepted)} of ${formatCount(s.missing.total)} missing fixes` },
    ]),
    tileRow(
      [
        { value: formatCount(s.missing.overdue), label: 'Overdue fixes', detail: 'past due, no exception', colour: s.missing.overdue > 0 ? COLOURS.bad : COLOURS.ok },
        {
          value: oldest === null ? 'None' : plural(oldest.ageDays, 'day'),
          label: 'Oldest missing security fix',
          detail: oldest === null ? 'no security fix known missing' : `${oldest.hostname}, ${clockSinceLabel(oldest.clockBasis, formatDate(oldest.clockStartAt, tz))}`,
          colour: oldest === null ? COLOURS.ok : COLOURS.brand,
        },
        { value: formatCount(s.exceptions.active), label: 'Active exceptions', detail: `${formatCount(s.exceptions.expiringSoon)} expiring soon · ${formatCount(s.exceptions.expired)} expired`, colour: s.exceptions.expired > 0 ? COLOURS.warn : COLOURS.brand },
        {
          value: `${formatCount(s.coverageGaps)} · ${formatCount(s.unsupportedOs)}`,
          label: 'Coverage gaps · EOL systems',
          detail: 'not measured · past end of support',
          colour: s.coverageGaps + s.unsupportedOs > 0 ? COLOURS.warn : COLOURS.ok,
        },
      ],
      4,
    ),
  ];
}

function charts(report: EvidenceReport): Content {
  const s = report.summary;
  const donut = donutChartSvg({
    segments: [
      { label: 'Fully patched', value: s.fullyPatched, colour: COLOURS.ok },
      { label: 'Non-security fixes missing', value: Math.max(0, s.securityPatched - s.fullyPatched), colour: COLOURS.warn },
      { label: 'Security fixes missing', value: Math.max(0, s.assetsMeasured - s.securityPatched), colour: COLOURS.bad },
      { label: 'Not measured', value: Math.max(0, s.assetsInScope - s.assetsMeasured), colour: COLOURS.faint },
    ],
    centre: formatPatchedShare(s.fullyPatchedShare),
    centreCaption: 'fully patched',
    emptyText: 'No assets',
    width: 245,
    height: 120,
  });
  const bars = stackedBarChartSvg({
    categories: report.overdueByTier.map((row) => tierLabel(row.tier)),
    series: OVERDUE_AGE_BANDS.map((band, i) => ({ label: `${band} days`, colour: COLOURS.bands[i] ?? COLOURS.bad, values: report.overdueByTier.map((row) => row.bands[band]) })),
    emptyText: 'No overdue fixes',
    width: 245,
    height: 120,
  });
  // A chart with nothing to draw says so in a sentence instead of an empty frame.
  const overdue = report.overdueByTier.reduce((sum, row) => sum + OVERDUE_AGE_BANDS.reduce((inner, band) => inner + row.bands[band], 0), 0);
  return {
    columns: [
      {
        width: '*',
        stack: [
          subheading('Assets in scope by patch state'),
          s.assetsInScope === 0 ? emptyNote('No assets were in scope in this period, so there is no patch state to chart.') : { svg: donut, width: 245 },
          { text: `Centre: fully patched, ${formatCount(s.fullyPatched)} ${measuredPhrase(s.assetsMeasured, s.assetsInScope)}.`, style: 'small' },
        ],
      },
      { width: '*', stack: [subheading('Overdue fixes by tier and days overdue'), overdue === 0 ? emptyNote('No fix was overdue at the end of the period.') : { svg: bars, width: 245 }] },
    ],
    columnGap: 20,
  };
}

function missingTable(report: EvidenceReport): Content {
  const m = report.summary.missing;
  return dataTable(
    [
      { header: 'Missing fixes', width: '*' },
      { header: 'Within SLA', width: 58, align: 'right' },
      { header: 'Due soon', width: 58, align: 'right' },
      { header: 'Excepted', width: 58, align: 'right' },
      { header: 'Overdue', width: 58, align: 'right' },
      { header: 'Total', width: 58, align: 'right' },
    ],
    [['At the end of the period', formatCount(m.within), formatCount(m.dueSoon), formatCount(m.excepted), { text: formatCount(m.overdue), color: m.overdue > 0 ? COLOURS.bad : COLOURS.ink, bold: m.overdue > 0 }, { text: formatCount(m.total), bold: true }]],
    { caption: [subheading('Where the missing fixes stand')] },
  );
}

function trend(report: EvidenceReport): Content[] {
  const title = subheading('Twelve-month trend (measured at the end of each month)');
  const measured = report.trend.some((point) => point.fullyPatchedShare !== null || point.withinSlaShare !== null || point.overdue > 0);
  if (!measured) return [keepTogether(title, emptyNote('No month of the last twelve has a measurement yet: the trend starts with the first month in which assets were collected.'))];
  const svg = trendChartSvg({
    points: report.trend.map((point, i) => ({ label: formatMonthTick(point.month, i === 0), lines: [point.fullyPatchedShare, point.withinSlaShare], bar: point.overdue })),
    lines: [
      { label: 'Fully patched (of measured assets)', colour: COLOURS.brand },
      { label: 'Missing fixes within SLA', colour: COLOURS.ok },
    ],
    bar: { label: 'Overdue fixes', colour: '#d9dee6' },
    width: 511,
    height: 150,
  });
  return [keepTogether(title, { svg, width: 511 })];
}

/** The executive summary section. */
export function executiveSummarySection(report: EvidenceReport): Content[] {
  return [
    ...sectionTitle('Executive summary', summaryNarrative(report)),
    ...mappingNoticeBlock(report),
    ...tiles(report),
    charts(report),
    missingTable(report),
    ...trend(report),
  ];
}
