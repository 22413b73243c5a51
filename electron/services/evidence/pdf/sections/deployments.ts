/**
 * Deployments: every host of every rollout that ran in the period, with the versions it moved
 * from and to, who approved the rollout, how the host ended (rolled back included) and when a
 * fresh collection verified it. A network device's manual step shows as manual, with the admin's
 * evidence. The full list is `data/rollouts.csv`.
 */
import type { Content } from 'pdfmake/interfaces';
import type { DeploymentRow, EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, sectionTitle, type CellValue } from '../blocks';
import { formatDateTime } from '../format';
import { COLOURS } from '../styles';

/** The rows printed at most; the data file has every one. */
export const MAX_DEPLOYMENT_ROWS = 2000;

/** A manual step's evidence in one line: who, the note, the file and its hash. */
export function manualEvidence(manual: NonNullable<DeploymentRow['manual']>): string {
  return [`manual step by ${manual.by ?? 'nobody yet'}${manual.note ? `: ${manual.note}` : ''}`, manual.fileRef ? `file ${manual.fileRef}` : null, manual.sha256 ? `SHA-256 ${manual.sha256}` : null].filter(Boolean).join('; ');
}

function outcomeCell(row: DeploymentRow): CellValue {
  const text = `${row.state.replace(/_/g, ' ')}${row.manual ? ' (manual)' : ''}`;
  if (row.rolledBack) return { text, color: COLOURS.bad, bold: true };
  if (row.state === 'installed' || row.state === 'nothing_to_do') return { text, color: COLOURS.ok };
  return { text, color: COLOURS.muted };
}

/** The longest reason printed; `data/rollouts.csv` has the whole message. */
const MAX_REASON_CHARS = 300;

/**
 * Why a host did not end plainly installed (a failed check, a rollback and what it went back to, a
 * host not attempted), so the page answers "what went wrong" without the data file.
 */
function outcomeReason(row: DeploymentRow): string {
  const plain = !row.rolledBack && (row.state === 'installed' || row.state === 'nothing_to_do');
  if (plain || row.manual || row.message.trim() === '') return '';
  const text = pdfArrows(row.message.trim());
  return `\nwhy: ${text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text}`;
}

/**
 * The PDF's font (pdfmake's Roboto) has no arrow glyph: `1.0 → 1.1` would print as `1.0  1.1`,
 * which reads as two versions side by side. The data file keeps the arrow.
 */
function pdfArrows(text: string): string {
  return text.replace(/\s*→\s*/g, ' to ');
}

/** The deployments section. */
export function deploymentsSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const title = sectionTitle('Deployments', 'Rollouts Patchdesk ran in this period, host by host: the versions installed (from one version to the other), the approval, the outcome, rollbacks, and the fresh collection that verified each host.');
  if (report.deployments.length === 0) return [keepTogether(...title, emptyNote('No rollout ran in this period.'))];
  const rows = report.deployments.slice(0, MAX_DEPLOYMENT_ROWS);
  const more = report.deployments.length - rows.length;
  return [
    // The section's title is the table's caption: kept with its first rows, repeated on each page.
    dataTable(
      [
        { header: 'Rollout', width: 70 },
        { header: 'Ring / host', width: 70 },
        { header: 'Packages (from version to version)', width: '*' },
        { header: 'Outcome', width: 52 },
        { header: 'Finished', width: 52 },
        { header: 'Verified', width: 52 },
      ],
      rows.map((row) => [
        { text: `${row.rolloutId} ${row.rolloutName}\napproved by ${row.approvedBy ?? 'nobody'}${row.approvedAt ? ` ${formatDateTime(row.approvedAt, tz)}` : ''}` },
        { text: `${row.ring}\n${row.hostname}` },
        { text: `${pdfArrows(row.packages) || '-'}${row.rebooted ? '\nrebooted' : ''}${row.manual ? `\n${manualEvidence(row.manual)}` : ''}${outcomeReason(row)}` },
        outcomeCell(row),
        formatDateTime(row.finishedAt, tz),
        formatDateTime(row.verifiedAt, tz),
      ]),
      { caption: title },
    ),
    ...(more > 0 ? [emptyNote(`${more} more rows are in data/rollouts.csv.`)] : []),
  ];
}
