/**
 * Compliance by tier: the same figures as the summary for each risk tier, so a reader sees that
 * the critical systems are held to the shortest deadlines and how they fare.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport, TierComplianceRow } from '../../evidence-report';
import { dataTable, emptyNote, sectionTitle, type CellValue } from '../blocks';
import { formatCount, formatShare, tierLabel } from '../format';
import { COLOURS } from '../styles';

function cells(label: string, row: Omit<TierComplianceRow, 'tier'>, bold = false): CellValue[] {
  const m = row.missing;
  const n = (value: string): CellValue => (bold ? { text: value, bold: true } : value);
  return [
    { text: label, bold },
    n(formatCount(row.assets)),
    n(formatCount(row.fullyPatched)),
    n(formatShare(row.fullyPatchedShare)),
    n(formatCount(row.securityPatched)),
    n(formatShare(row.securityPatchedShare)),
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
    'Each asset is counted under its own risk tier (tier 1 is the most important and has the shortest deadlines). Shares of assets are over the assets of the tier; the within-SLA share is over the fixes missing on them.',
  );
  if (report.summary.assetsTotal === 0) return [...title, emptyNote('No assets were in scope for this period.')];
  const s = report.summary;
  const total = { assets: s.assetsTotal, fullyPatched: s.fullyPatched, fullyPatchedShare: s.fullyPatchedShare, securityPatched: s.securityPatched, securityPatchedShare: s.securityPatchedShare, missing: s.missing };
  const num = (header: string, width: number) => ({ header, width, align: 'right' as const });
  return [
    ...title,
    dataTable(
      [
        { header: 'Tier', width: '*' },
        num('Assets', 30),
        num('Fully patched', 36),
        num('%', 32),
        num('Security patched', 40),
        num('%', 32),
        num('Missing fixes', 34),
        num('Within SLA', 32),
        num('Due soon', 30),
        num('Excepted', 34),
        num('Overdue', 34),
        num('Within SLA %', 36),
      ],
      [...report.byTier.map((row) => cells(tierLabel(row.tier), row)), cells('All assets', total, true)],
    ),
    { text: 'Fully patched: no available fix missing. Security patched: no security fix missing. Within SLA % = (within + due soon + excepted) / missing fixes.', style: 'small' },
  ];
}
