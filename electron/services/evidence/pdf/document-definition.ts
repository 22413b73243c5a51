/**
 * The evidence PDF's document definition: the sections in reading order (portrait, with the
 * wide register and inventory on landscape pages), the running header and footer, and the
 * document information. Pure: the same report always gives the same definition.
 */
import type { Content, ContentSection, DynamicContent, TDocumentDefinitions } from 'pdfmake/interfaces';
import { parseInstant } from '../../../../shared/domain/sla/local-time';
import type { EvidenceReport } from '../evidence-report';
import { formatDate, truncate } from './format';
import { auditExcerptSection } from './sections/audit-excerpt';
import { complianceByTierSection } from './sections/compliance-by-tier';
import { coverageGapsSection } from './sections/coverage-gaps';
import { coverSection } from './sections/cover';
import { cyclesSection } from './sections/cycles';
import { deploymentsSection } from './sections/deployments';
import { knownExploitedSection } from './sections/known-exploited';
import { emergencySection } from './sections/emergency';
import { exceptionsSection } from './sections/exceptions';
import { executiveSummarySection } from './sections/executive-summary';
import { inventorySection } from './sections/inventory';
import { methodologySection } from './sections/methodology';
import { overdueSection } from './sections/overdue';
import { COLOURS, DEFAULT_STYLE, PAGE_MARGINS, STYLES } from './styles';

/** The PDF's title, also its `Title` metadata. */
export function reportTitle(report: EvidenceReport): string {
  return `Patch compliance evidence: ${report.meta.siteName}, ${report.meta.period.label}`;
}

function runningHeader(report: EvidenceReport): DynamicContent {
  const { meta } = report;
  return () => ({
    columns: [
      { text: [{ text: truncate(meta.siteName, 60), bold: true, color: COLOURS.ink }, { text: '  ·  Patch compliance evidence', color: COLOURS.muted }], width: '*' },
      { text: `${truncate(meta.period.label, 30)}  ·  ${meta.period.fromDate} to ${meta.period.toDate}`, alignment: 'right', color: COLOURS.muted, width: 'auto', noWrap: true },
    ],
    fontSize: 7.5,
    margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
  });
}

function runningFooter(report: EvidenceReport): DynamicContent {
  const { meta, branding } = report;
  const by = branding.mspName.trim() === '' ? '' : `Prepared by ${truncate(branding.mspName, 60)}  ·  `;
  const left = `${by}Generated ${formatDate(meta.generatedAt, meta.timezone)} with Patchdesk ${meta.appVersion}`;
  return (currentPage, pageCount, pageSize) => ({
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: pageSize.width - PAGE_MARGINS[0] - PAGE_MARGINS[2], y2: 0, lineWidth: 0.5, lineColor: COLOURS.rule }] },
      {
        columns: [
          { text: left, width: '*', color: COLOURS.muted },
          { text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', width: 'auto', bold: true, color: COLOURS.ink, noWrap: true },
        ],
        margin: [0, 5, 0, 0],
      },
    ],
    fontSize: 7,
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
  });
}

function section(content: Content[], landscape = false): ContentSection {
  return { section: content, ...(landscape ? { pageOrientation: 'landscape' as const } : { pageOrientation: 'portrait' as const }) };
}

/**
 * The pdfmake document definition of a report. `creationDate` and `modDate` are the report's
 * `generatedAt`, so two renders of the same report are byte-identical.
 */
export function evidenceDocument(report: EvidenceReport): TDocumentDefinitions {
  const generatedAt = new Date(parseInstant(report.meta.generatedAt));
  const author = report.branding.mspName.trim() === '' ? 'Patchdesk' : report.branding.mspName;
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title: reportTitle(report),
      author,
      subject: `Patch compliance of ${report.meta.siteName} from ${report.meta.period.fromDate} to ${report.meta.period.toDate} (${report.meta.timezone})`,
      keywords: 'patch compliance, SLA, evidence, exceptions, audit',
      creator: `Patchdesk ${report.meta.appVersion}`,
      producer: `Patchdesk ${report.meta.appVersion} (pdfmake)`,
      creationDate: generatedAt,
      modDate: generatedAt,
    },
    defaultStyle: DEFAULT_STYLE,
    styles: STYLES,
    header: runningHeader(report),
    footer: runningFooter(report),
    // No pageBreakBefore rule: headings are kept with what follows by structure (see blocks.ts),
    // so pdfmake lays the document out once instead of once more for every heading it moves.
    content: [
      { section: coverSection(report), header: null, footer: null, pageMargins: [56, 56, 56, 56] },
      section(executiveSummarySection(report)),
      section([...complianceByTierSection(report), { text: '', margin: [0, 10, 0, 0] }, ...overdueSection(report)]),
      section(exceptionsSection(report), true),
      section(knownExploitedSection(report)),
      section([...cyclesSection(report), { text: '', margin: [0, 10, 0, 0] }, ...emergencySection(report), { text: '', margin: [0, 10, 0, 0] }, ...deploymentsSection(report)]),
      // On its own pages: its title and lead open a long list that no caption could repeat.
      section(coverageGapsSection(report)),
      section(inventorySection(report), true),
      section(auditExcerptSection(report)),
      section(methodologySection(report)),
    ],
  };
}
