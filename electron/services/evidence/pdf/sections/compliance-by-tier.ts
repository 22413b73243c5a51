/**
 * Compliance by tier: the same figures as the summary for each risk tier, so a reader sees that
 * the critical systems are held to the shortest deadlines and how they fare.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport, TierComplianceRow } from '../../evidence-report';
import { dataTable, emptyNote, sectionTitle, type CellValue } from '../blocks';
import { formatCount, formatPatchedShare, formatShare, tierLabel } from '../format';
import { COLOURS } from '../styles';

function cells(label: string, row: Omit<TierComplianceRow, 'tier'>, bold = false): CellValue[] {
  const m = row.missing;
  const n = (value: string): CellValue => (bold ? { text: value, bold: true } : value);
  return [
    { text: label, bold },
    n(formatCount(row.assetsInScope)),
    n(formatCount(row.assetsMeasured)),
    n(formatShare(row.coverageShare)),
    n(formatPatchedShare(row.fullyPatchedShare)),
    n(formatPatchedShare(row.securityPatchedShare)),
    n(formatCount(m.total)),
    n(formatCount(m.within)),
    n(formatCount(m.dueSoon)),
    n(formatCount(m.excepted)),
    { text: formatCount(m.overdue), bold: bold || m.overdue > 0, color: m.overdue > 0 ? COLOURS.bad : COLOURS.ink },
    n(formatShare(m.withinSlaShare)),
  ];
}

/** The compliance-by-tier section. */
export function complianceByTierSection(report: EvidenceReport): Content[] {
  const title = sectionTitle(
    'Compliance by tier',
    'Each asset is counted under its own risk tier (tier 1 is the most important and has the shortest deadlines). Coverage is measured / in-scope assets of the tier; the patched shares are over the measured assets of the tier only ("not measured" when none was); the within-SLA share is over the fixes known missing on them.',
  );
  if (report.summary.assetsInScope === 0) return [...title, emptyNote('No assets were in scope for this period.')];
  const s = report.summary;
  const total = { assetsInScope: s.assetsInScope, assetsMeasured: s.assetsMeasured, coverageShare: s.coverageShare, fullyPatched: s.fullyPatched, fullyPatchedShare: s.fullyPatchedShare, securityPatched: s.securityPatched, securityPatchedShare: s.securityPatchedShare, missing: s.missing };
  const num = (header: string, width: number) => ({ header, width, align: 'right' as const });
  return [
    ...title,
    dataTable(
      [
        { header: 'Tier', width: '*' },
        num('In scope', 28),
        num('Measured', 32),
        num('Coverage', 32),
        num('Fully patched, of measured', 38),
        num('Security patched, of measured', 40),
        num('Missing fixes', 32),
        num('Within SLA', 30),
        num('Due soon', 28),
        num('Excepted', 32),
        num('Overdue', 32),
        num('Within SLA %', 36),
      ],
      [...report.byTier.map((row) => cells(tierLabel(row.tier), row)), cells('All assets', total, true)],
    ),
    { text: 'Measured: a collection succeeded within the freshness limit before the end of the period. Fully patched: no available fix missing. Security patched: no security fix missing. Within SLA % = (within + due soon + excepted) / missing fixes.', style: 'small' },
  ];
}
