/**
 * The exception register: every documented acceptance of a missing fix, with its reason,
 * compensating controls, owner, approver, dates and status at the end of the period. Laid out
 * on landscape pages because reasons and controls are paragraphs.
 */
import type { Content } from 'pdfmake/interfaces';
import type { ExceptionStatus } from '../../../../../shared/domain/sla/exception-status';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, sectionTitle } from '../blocks';
import { exceptionStatusLabel, formatCount, formatDate, formatExpiry, orDash, plural, scopeLabel } from '../format';
import { COLOURS } from '../styles';

const STATUS_COLOURS: Record<ExceptionStatus, string> = {
  active: COLOURS.ok,
  expiring_soon: COLOURS.warn,
  expired: COLOURS.bad,
  closed: COLOURS.muted,
  renewed: COLOURS.muted,
  scheduled: COLOURS.accent,
};

/** A one-line count of entries by status, in a fixed order. */
export function statusCounts(statuses: readonly ExceptionStatus[]): string {
  const order: ExceptionStatus[] = ['active', 'expiring_soon', 'expired', 'scheduled', 'closed', 'renewed'];
  const parts = order.map((status) => [status, statuses.filter((s) => s === status).length] as const).filter(([, n]) => n > 0);
  return parts.map(([status, n]) => `${formatCount(n)} ${exceptionStatusLabel(status).toLowerCase()}`).join(', ');
}

/** The exception-register section. */
export function exceptionsSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const rows = report.exceptions;
  const title = sectionTitle(
    'Exception register',
    `Documented, time-limited acceptances of missing fixes, as they stood at the end of the period. An exception stops the SLA clock only while it is active; once expired its fixes count as overdue again. Start and last day are the first and the last day covered, in ${tz}. Policy limit: ${plural(report.meta.policy.maxExceptionDays, 'day')} per exception before renewal.`,
  );
  if (rows.length === 0) return [...title, emptyNote('The exception register was empty: no missing fix was accepted by exception.')];
  return [
    ...title,
    { text: `${plural(rows.length, 'entry', 'entries')}: ${statusCounts(rows.map((row) => row.status))}.`, margin: [0, 0, 0, 6] },
    dataTable(
      [
        { header: '#', width: 16, align: 'right' },
        { header: 'Scope', width: 64 },
        { header: 'Asset', width: 72 },
        { header: 'Reason', width: '*' },
        { header: 'Compensating controls', width: '*' },
        { header: 'Owner', width: 66 },
        { header: 'Approver', width: 66 },
        { header: 'Start', width: 44 },
        { header: 'Last day', width: 44 },
        { header: 'Status', width: 50 },
        { header: 'Renewals', width: 34, align: 'right' },
      ],
      rows.map((row) => [
        String(row.id),
        scopeLabel(row.scopeKind, row.scopeValue),
        row.assetName ?? 'All assets',
        row.reason,
        orDash(row.compensatingControls),
        row.owner,
        orDash(row.approver),
        formatDate(row.startsAt, tz),
        row.closedAt === null ? formatExpiry(row.expiresAt, tz) : `${formatExpiry(row.expiresAt, tz)} (closed ${formatDate(row.closedAt, tz)})`,
        { text: exceptionStatusLabel(row.status), color: STATUS_COLOURS[row.status], bold: row.status === 'expired' || row.status === 'expiring_soon' },
        formatCount(row.renewals),
      ]),
      { allowRowBreaks: true },
    ),
  ];
}
