/**
 * The patch cycles' checklist log: for each cycle that ran in the period, every checklist item
 * with who ticked it, when, the note and where the proof is; late items are marked.
 */
import type { Content } from 'pdfmake/interfaces';
import type { ChecklistEntry, CycleRecord, EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, keepTogether, keyValueList, sectionTitle, subheading, type CellValue } from '../blocks';
import { checklistStateLabel, formatCount, formatDateTime, formatDeadline, orDash, plural } from '../format';
import { COLOURS } from '../styles';

function stateCell(entry: ChecklistEntry): CellValue {
  const label = checklistStateLabel(entry.state) + (entry.late ? ' (late)' : '');
  const colour = entry.late || entry.state === 'open' ? COLOURS.warn : entry.state === 'done' ? COLOURS.ok : COLOURS.muted;
  return { text: label, color: colour, bold: entry.late };
}

function cycleBlock(cycle: CycleRecord, tz: string): Content[] {
  const handled = cycle.checklist.filter((entry) => entry.state !== 'open').length;
  const late = cycle.checklist.filter((entry) => entry.late).length;
  const facts: [string, string][] = [];
  if (cycle.emergency) facts.push(['Trigger', cycle.emergency.triggerId], ['Reason', cycle.emergency.reason]);
  facts.push(
    ['Opened', formatDateTime(cycle.openedAt, tz)],
    ['Deadline', formatDeadline(cycle.deadline, tz)],
    ['Closed', cycle.closedAt === null ? 'Still open at the end of the period' : formatDateTime(cycle.closedAt, tz)],
    ['Checklist', `${formatCount(handled)} of ${plural(cycle.checklist.length, 'item')} handled${late > 0 ? `, ${formatCount(late)} late` : ''}`],
  );
  const kind = cycle.kind === 'emergency' ? 'Emergency cycle' : 'Baseline cycle';
  // Titles often name their kind already ("Emergency: ..."); say it once.
  const heading = /^(emergency|baseline)\b/i.test(cycle.title) ? cycle.title : `${kind}: ${cycle.title}`;
  const factList = { stack: [keyValueList(facts, 70)], margin: [0, 0, 0, 6] } as Content;
  if (cycle.checklist.length === 0) return [keepTogether(subheading(heading), factList, emptyNote('This cycle has no checklist items.'))];
  return [
    dataTable(
      [
        { header: '#', width: 12, align: 'right' },
        { header: 'Item', width: 112 },
        { header: 'State', width: 42 },
        { header: 'By', width: 58 },
        { header: 'When', width: 60 },
        { header: 'Note', width: '*' },
        { header: 'Evidence', width: 76 },
      ],
      cycle.checklist.map((entry, index) => [String(index + 1), entry.label, stateCell(entry), orDash(entry.by), formatDateTime(entry.at, tz), orDash(entry.note), orDash(entry.evidenceRef)]),
      // The cycle's heading and facts are the table's caption: kept with its first rows.
      { caption: [subheading(heading), factList] },
    ),
  ];
}

/** The checklist-log section. */
export function cyclesSection(report: EvidenceReport): Content[] {
  const title = sectionTitle('Patch cycles and checklist log', 'Each baseline (monthly) and emergency cycle that ran in the period, with every checklist step, who completed it and when. Items completed after their due time are marked late.');
  if (report.cycles.length === 0) return [keepTogether(...title, emptyNote('No patch cycle ran in this period.'))];
  return [...title, ...report.cycles.flatMap((cycle) => cycleBlock(cycle, report.meta.timezone))];
}
