/**
 * The audit log excerpt: every change recorded in the period, and the chain head that pins the
 * log as it was when the pack was built.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keyValueList, limitRows, sectionTitle } from '../blocks';
import { formatCount, formatDateTime, orDash } from '../format';

/** The audit-excerpt section. */
export function auditExcerptSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const { entries, chainHead } = report.audit;
  const out: Content[] = [
    ...sectionTitle('Appendix B: audit log excerpt', 'Every action recorded in Patchdesk\u2019s hash-chained audit log during the period, one sentence per row, with the interface it came through (the desktop app, the browser host or the command line; "not recorded" for rows from before Patchdesk recorded it). The same rows, with the actor, the entity and the action code in their own columns, are in data/audit-log.csv; the chain head pins the log as it stood when the pack was built.'),
    { stack: [keyValueList([['Rows in period', formatCount(entries.length)], ['Chain head', `row #${chainHead.id}`], ['Chain head hash', chainHead.hash]], 90)], margin: [0, 0, 0, 8] },
  ];
  if (entries.length === 0) return [...out, emptyNote('Nothing was recorded in the audit log during this period.')];
  const printed = limitRows(entries, 'data/audit-log.csv');
  out.push(
    ...printed.note,
    dataTable(
      [
        { header: 'Row', width: 30, align: 'right' },
        { header: `When (${tz})`, width: 80 },
        { header: 'Via', width: 40 },
        { header: 'What happened', width: '*' },
      ],
      printed.rows.map((entry) => [String(entry.id), formatDateTime(entry.at, tz), entry.via ?? 'not recorded', orDash(entry.summary)]),
      { small: true },
    ),
  );
  return out;
}
