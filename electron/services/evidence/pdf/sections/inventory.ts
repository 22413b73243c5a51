/**
 * The asset inventory appendix: every asset in scope with its tier, rollout ring, last
 * successful collection and what it was missing at the end of the period. Landscape, small type,
 * the header repeated on every page: the table an auditor samples from.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, emptyNote, limitRows, sectionTitle } from '../blocks';
import { DASH, formatCount, formatDateTime, orDash, tierShort } from '../format';
import { COLOURS } from '../styles';

/** The inventory appendix section. */
export function inventorySection(report: EvidenceReport): Content[] {
  const tz = report.meta.timezone;
  const assets = report.assets;
  const title = sectionTitle(
    'Appendix A: asset inventory',
    `${formatCount(assets.length)} ${assets.length === 1 ? 'asset' : 'assets'} in scope, by tier then name. Pending, security and overdue count the fixes missing at the end of the period per the last successful collection ("not measured" when none ever succeeded); an asset not measured at the end of the period is marked with its coverage gap; EOL marks an operating system past end of support ("EOL (inv.)": known from the inventory only); the last collection is the last one that succeeded.`,
  );
  if (assets.length === 0) return [...title, emptyNote('The inventory was empty for this period.')];
  const printed = limitRows(assets, 'data/assets.csv');
  return [
    ...title,
    ...printed.note,
    dataTable(
      [
        { header: 'Hostname', width: '*' },
        { header: 'IP address', width: 62 },
        { header: 'Operating system', width: '*' },
        { header: 'Tier', width: 22 },
        { header: 'Ring', width: 34 },
        { header: 'Last collection', width: 58 },
        { header: 'Pending', width: 32, align: 'right' },
        { header: 'Security', width: 34, align: 'right' },
        { header: 'Overdue', width: 34, align: 'right' },
        { header: 'EOL', width: 22 },
      ],
      printed.rows.map((asset) => [
        asset.hostname,
        orDash(asset.ip),
        orDash(asset.os),
        tierShort(asset.tier),
        orDash(asset.ring),
        asset.lastCollectionAt === null
          ? { text: 'Never', color: COLOURS.warn }
          : asset.measured
            ? formatDateTime(asset.lastCollectionAt, tz)
            : { text: `${formatDateTime(asset.lastCollectionAt, tz)} (not measured)`, color: COLOURS.warn },
        ...(asset.pending === null || asset.securityPending === null || asset.overdue === null
          ? [{ text: 'not measured', color: COLOURS.warn }, DASH, DASH]
          : [formatCount(asset.pending), formatCount(asset.securityPending), asset.overdue > 0 ? { text: formatCount(asset.overdue), color: COLOURS.bad, bold: true } : '0']),
        asset.eol ? { text: asset.eolOsSource === 'inventory' ? 'EOL (inv.)' : 'EOL', color: COLOURS.bad, bold: true } : DASH,
      ]),
      { small: true },
    ),
  ];
}
