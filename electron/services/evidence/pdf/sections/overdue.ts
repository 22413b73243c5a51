/**
 * Overdue fixes: how many by tier and how long past due, then every one of them with its asset,
 * severity and dates (the SLA clock's start and what it started from), longest overdue first.
 */
import type { Content } from 'pdfmake/interfaces';
import { clockStartLabel } from '../../../../../shared/domain/sla/clock-start';
import { OVERDUE_AGE_BANDS } from '../../../../../shared/domain/sla/sla-rules';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, limitRows, sectionTitle, subheading } from '../blocks';
import { formatCount, formatDate, formatLongDate, severityLabel, tierLabel, tierShort } from '../format';
import { COLOURS } from '../styles';

/** The overdue-fixes section. */
export function overdueSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const items = report.overdueItems;
  const title = sectionTitle(
    'Overdue fixes',
    `Fixes missing past their SLA due date at the end of the period (${formatLongDate(report.meta.period.toDate)}) and not covered by an active exception. Unclassified assets are held to the tier 2 deadlines and marked with an asterisk. An SLA clock starts when the vendor published the fix ("published"), by the date the package repository offered it ("in repository by"), or, when the source gave no date or the policy says so, when Patchdesk first saw it missing ("first seen").`,
  );
  if (items.length === 0) return [keepTogether(...title, emptyNote('No fix was overdue at the end of the period.'))];

  const bandTotals = OVERDUE_AGE_BANDS.map((band) => report.overdueByTier.reduce((sum, row) => sum + row.bands[band], 0));
  const byTier = dataTable(
    [{ header: 'Tier', width: '*' }, ...OVERDUE_AGE_BANDS.map((band) => ({ header: `${band} days`, width: 56, align: 'right' as const })), { header: 'Total', width: 56, align: 'right' }],
    [
      ...report.overdueByTier.map((row) => {
        const total = OVERDUE_AGE_BANDS.reduce((sum, band) => sum + row.bands[band], 0);
        return [tierLabel(row.tier), ...OVERDUE_AGE_BANDS.map((band) => formatCount(row.bands[band])), { text: formatCount(total), bold: true }];
      }),
      [{ text: 'All tiers', bold: true }, ...bandTotals.map((n) => ({ text: formatCount(n), bold: true })), { text: formatCount(bandTotals.reduce((a, b) => a + b, 0)), bold: true }],
    ],
  );

  const printed = limitRows(items, 'data/overdue.csv');
  const list = dataTable(
    [
      { header: 'Asset', width: 118 },
      { header: 'Tier', width: 22 },
      { header: 'Update', width: '*' },
      { header: 'Severity', width: 38 },
      { header: 'SLA clock from', width: 64 },
      { header: 'Due', width: 46 },
      { header: 'Days overdue', width: 38, align: 'right' },
    ],
    printed.rows.map((item) => [
      item.hostname,
      `${tierShort(item.tier)}${item.tierDefaulted ? '*' : ''}`,
      item.update,
      { text: severityLabel(item.severity), color: item.severity === 'critical' ? COLOURS.bad : COLOURS.ink },
      clockStartLabel(item.clockBasis, formatDate(item.clockStartAt, tz)),
      item.dueDate,
      { text: formatCount(item.overdueDays), bold: true, color: COLOURS.bad },
    ]),
    { caption: [subheading(`All overdue fixes (${formatCount(items.length)})`), ...printed.note] },
  );
  return [keepTogether(...title, subheading('By tier and days overdue'), byTier), list];
}
