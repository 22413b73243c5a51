/**
 * Coverage gaps: assets whose figures may be stale because collection failed, and assets on an
 * operating system that no longer receives fixes at all. Both weaken every other number, so the
 * report says so instead of leaving it out.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, sectionTitle, subheading } from '../blocks';
import { formatDateTime, formatLongDate, orDash, tierLabel } from '../format';

/** The coverage-gaps section. */
export function coverageGapsSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const out: Content[] = [...sectionTitle('Coverage gaps', 'Where the figures above may not tell the whole story: collections that failed in the period, and operating systems past their vendor\u2019s end of support.')];
  out.push(subheading('Failed collections'));
  if (report.failedCollections.length === 0) out.push(emptyNote('Every collection in the period succeeded.'));
  else
    out.push(
      dataTable(
        [
          { header: 'Asset', width: 110 },
          { header: 'When', width: 60 },
          { header: 'Error', width: 60 },
          { header: 'Message', width: '*' },
        ],
        report.failedCollections.map((row) => [row.hostname, formatDateTime(row.at, tz), row.errorCode, orDash(row.message)]),
      ),
    );
  out.push(subheading('Unsupported operating systems'));
  if (report.unsupportedOs.length === 0) out.push(emptyNote('No asset ran an operating system past its end of support.'));
  else
    out.push(
      dataTable(
        [
          { header: 'Asset', width: 110 },
          { header: 'Tier', width: 60 },
          { header: 'Operating system', width: '*' },
          { header: 'End of support', width: 80 },
        ],
        report.unsupportedOs.map((row) => [row.hostname, tierLabel(row.tier), row.os, row.eolDate === null ? 'Unknown' : formatLongDate(row.eolDate)]),
      ),
    );
  return out;
}
