/**
 * Emergency items: for each out-of-band cycle, when it was triaged (opened), when the fix was
 * deployed, when a collection re-tested it, when it was closed, and whether that met its deadline.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EmergencyItemRow, EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, sectionTitle, type CellValue } from '../blocks';
import { formatCount, formatDateTime, formatDeadline } from '../format';
import { COLOURS } from '../styles';

function deadlineCell(row: EmergencyItemRow): CellValue {
  if (row.deadlineMet === null) return { text: row.deadline === null ? 'No deadline' : 'Pending', color: COLOURS.muted };
  return row.deadlineMet ? { text: 'Met', color: COLOURS.ok, bold: true } : { text: 'Missed', color: COLOURS.bad, bold: true };
}

/** The emergency-items section. */
export function emergencySection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const title = sectionTitle('Emergency items', 'Out-of-band fixes for actively exploited or critical vulnerabilities, from triage to verified deployment. Re-tested means a collection after deployment found the fixed version on every affected asset.');
  if (report.emergencyItems.length === 0) return [keepTogether(...title, emptyNote('No emergency cycle was opened in this period.'))];
  // It follows the checklist log on the same pages: its title is the table's caption, kept with
  // the first rows (and repeated above the header in the rare month with pages of them).
  return [
    dataTable(
      [
        { header: 'Trigger', width: '*' },
        { header: 'Assets', width: 28, align: 'right' },
        { header: 'Triaged (opened)', width: 52 },
        { header: 'Deployed', width: 52 },
        { header: 'Re-tested', width: 52 },
        { header: 'Closed', width: 52 },
        { header: 'Deadline', width: 52 },
        { header: 'On time', width: 36 },
      ],
      report.emergencyItems.map((row) => [
        { text: `${row.triggerId}\n${row.title}` },
        formatCount(row.assetsAffected),
        formatDateTime(row.openedAt, tz),
        formatDateTime(row.deployedAt, tz),
        formatDateTime(row.retestedAt, tz),
        formatDateTime(row.closedAt, tz),
        formatDeadline(row.deadline, tz),
        deadlineCell(row),
      ]),
      { caption: title },
    ),
  ];
}
