/**
 * The audit log excerpt: every change recorded in the period, and the chain head that pins the
 * log as it was when the pack was built.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keyValueList, sectionTitle } from '../blocks';
import { formatCount, formatDateTime, orDash } from '../format';

/** The audit-excerpt section. */
export function auditExcerptSection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const { entries, chainHead } = report.audit;
  const out: Content[] = [
    ...sectionTitle('Appendix B: audit log excerpt', 'Every action recorded in Patchdesk\u2019s hash-chained audit log during the period. The same rows are in data/audit-log.csv; the chain head pins the log as it stood when the pack was built.'),
    { stack: [keyValueList([['Rows in period', formatCount(entries.length)], ['Chain head', `row #${chainHead.id}`], ['Chain head hash', chainHead.hash]], 90)], margin: [0, 0, 0, 8] },
  ];
  if (entries.length === 0) return [...out, emptyNote('Nothing was recorded in the audit log during this period.')];
  out.push(
    dataTable(
      [
        { header: '#', width: 30, align: 'right' },
        { header: 'When', width: 58 },
        { header: 'Actor', width: 66 },
        { header: 'Entity', width: 70 },
        { header: 'Action', width: 66 },
        { header: 'Details', width: '*' },
      ],
      entries.map((entry) => [String(entry.id), formatDateTime(entry.at, tz), entry.actor, entry.entityId === null ? entry.entityType : `${entry.entityType} #${entry.entityId}`, entry.action, orDash(entry.summary)]),
      { small: true },
    ),
  );
  return out;
}
