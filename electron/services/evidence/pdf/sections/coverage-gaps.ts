/**
 * Coverage gaps: the assets in scope that were NOT measured at the end of the period (never
 * collected, latest collection failed, or last success older than the freshness limit), which the
 * patched shares leave out; the collections that failed in the period; and operating systems that
 * no longer receive fixes at all. Each weakens the other numbers, so the report says so instead of
 * leaving it out.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, limitRows, sectionTitle, subheading, type CellValue, type TableColumn } from '../blocks';
import { formatCount, formatDateTime, formatLongDate, formatShare, orDash, tierLabel } from '../format';

/** A sub-heading and its table (the heading as the table's caption), or the sentence saying there is nothing to list. */
function listOrNote<T>(heading: string, items: readonly T[], whereAll: string, none: string, columns: readonly TableColumn[], row: (item: T) => CellValue[]): Content {
  if (items.length === 0) return keepTogether(subheading(heading), emptyNote(none));
  const printed = limitRows(items, whereAll);
  return dataTable(columns, printed.rows.map(row), { caption: [subheading(heading), ...printed.note] });
}

/** The coverage-gaps section. */
export function coverageGapsSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const s = report.summary;
  const out: Content[] = [
    ...sectionTitle(
      'Coverage gaps',
      `Where the figures above may not tell the whole story. ${formatCount(s.assetsMeasured)} of ${formatCount(s.assetsInScope)} assets in scope (${formatShare(s.coverageShare)}) were measured at the end of the period; the others are listed here and are not counted as patched.`,
    ),
  ];
  out.push(
    listOrNote(
      'Assets not measured',
      report.coverageGaps,
      'data/coverage-gaps.csv',
      'Every asset in scope was measured at the end of the period.',
      [
        { header: 'Asset', width: 110 },
        { header: 'Tier', width: 60 },
        { header: 'Why not measured', width: '*' },
        { header: 'Last success', width: 80 },
      ],
      (gap) => [gap.hostname, tierLabel(gap.tier), gap.reasonText, gap.lastSuccessAt === null ? 'Never' : formatDateTime(gap.lastSuccessAt, tz)],
    ),
    listOrNote(
      'Failed collections in the period',
      report.failedCollections,
      'data/summary.json (failedCollections)',
      'Every collection in the period succeeded.',
      [
        { header: 'Asset', width: 110 },
        { header: 'When', width: 60 },
        { header: 'Error', width: 60 },
        { header: 'Message', width: '*' },
      ],
      (row) => [row.hostname, formatDateTime(row.at, tz), row.errorCode, orDash(row.message)],
    ),
    listOrNote(
      'Unsupported operating systems',
      report.unsupportedOs,
      'data/unsupported-os.csv',
      'No asset ran an operating system past its end of support.',
      [
        { header: 'Asset', width: 110 },
        { header: 'Tier', width: 60 },
        { header: 'Operating system', width: '*' },
        { header: 'End of support', width: 80 },
      ],
      (row) => [row.hostname, tierLabel(row.tier), row.osSource === 'inventory' ? `${row.os} (from inventory)` : row.os, row.eolDate === null ? 'Unknown' : formatLongDate(row.eolDate)],
    ),
  );
  return out;
}
