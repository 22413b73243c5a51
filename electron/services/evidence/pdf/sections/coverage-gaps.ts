/**
 * Coverage gaps: the assets in scope that were NOT measured at the end of the period (never
 * collected, latest collection failed, or last success older than the freshness limit), which the
 * patched shares leave out; the collections that failed in the period; and operating systems that
 * no longer receive fixes at all. Each weakens the other numbers, so the report says so instead of
 * leaving it out.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, limitRows, sectionTitle, subheading } from '../blocks';
import { formatCount, formatDateTime, formatLongDate, formatShare, orDash, tierLabel } from '../format';

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
  out.push(subheading('Assets not measured'));
  const gaps = limitRows(report.coverageGaps, 'data/coverage-gaps.csv');
  if (report.coverageGaps.length === 0) out.push(emptyNote('Every asset in scope was measured at the end of the period.'));
  else
    out.push(
      ...gaps.note,
      dataTable(
        [
          { header: 'Asset', width: 110 },
          { header: 'Tier', width: 60 },
          { header: 'Why not measured', width: '*' },
          { header: 'Last success', width: 80 },
        ],
        gaps.rows.map((gap) => [gap.hostname, tierLabel(gap.tier), gap.reasonText, gap.lastSuccessAt === null ? 'Never' : formatDateTime(gap.lastSuccessAt, tz)]),
      ),
    );
  out.push(subheading('Failed collections in the period'));
  const failed = limitRows(report.failedCollections, 'data/summary.json (failedCollections)');
  if (report.failedCollections.length === 0) out.push(emptyNote('Every collection in the period succeeded.'));
  else
    out.push(
      ...failed.note,
      dataTable(
        [
          { header: 'Asset', width: 110 },
          { header: 'When', width: 60 },
          { header: 'Error', width: 60 },
          { header: 'Message', width: '*' },
        ],
        failed.rows.map((row) => [row.hostname, formatDateTime(row.at, tz), row.errorCode, orDash(row.message)]),
      ),
    );
  out.push(subheading('Unsupported operating systems'));
  const unsupported = limitRows(report.unsupportedOs, 'data/unsupported-os.csv');
  if (report.unsupportedOs.length === 0) out.push(emptyNote('No asset ran an operating system past its end of support.'));
  else
    out.push(
      ...unsupported.note,
      dataTable(
        [
          { header: 'Asset', width: 110 },
          { header: 'Tier', width: 60 },
          { header: 'Operating system', width: '*' },
          { header: 'End of support', width: 80 },
        ],
        unsupported.rows.map((row) => [row.hostname, tierLabel(row.tier), row.osSource === 'inventory' ? `${row.os} (from inventory)` : row.os, row.eolDate === null ? 'Unknown' : formatLongDate(row.eolDate)]),
      ),
    );
  return out;
}
