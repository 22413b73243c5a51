/**
 * The cover: who looked after which site over which period, when the pack was made and by
 * whom, the signing key's fingerprint, and the contents with page numbers.
 */
import type { Content } from 'pdfmake/interfaces';
import type { EvidenceReport } from '../../evidence-report';
import { keyValueList } from '../blocks';
import { formatCount, formatDateTime, formatLongDate, formatShare, orDash } from '../format';
import { logoDataUrl } from '../logo';
import { COLOURS, PLAIN_LAYOUT } from '../styles';

function brandBlock(report: EvidenceReport): Content {
  const { branding } = report;
  const name = branding.mspName.trim() === '' ? 'Patchdesk' : branding.mspName;
  const logo = logoDataUrl(branding.logo);
  const text: Content = {
    stack: [
      { text: name, fontSize: 12, bold: true, color: COLOURS.brand },
      ...(branding.contact.trim() === '' ? [] : [{ text: branding.contact, fontSize: 7.5, color: COLOURS.muted, margin: [0, 2, 0, 0] as [number, number, number, number] }]),
    ],
  };
  if (logo === null) return text;
  return { columns: [{ image: logo, fit: [44, 44], width: 44 }, { ...text, width: '*', margin: [10, 4, 0, 0] }] };
}

/** The cover page's content. */
export function coverSection(report: EvidenceReport): Content[] {
  const { meta, signer } = report;
  const tz = meta.timezone;
  return [
    brandBlock(report),
    { text: 'PATCH COMPLIANCE EVIDENCE PACK', fontSize: 9, bold: true, color: COLOURS.accent, characterSpacing: 1.6, margin: [0, 110, 0, 8] },
    // Long site names get a smaller size so the cover keeps to one page.
    { text: meta.siteName, fontSize: meta.siteName.length > 90 ? 15 : meta.siteName.length > 45 ? 19 : 26, bold: true, color: COLOURS.brand, lineHeight: 1.05 },
    { text: `${formatLongDate(meta.period.fromDate)} – ${formatLongDate(meta.period.toDate)}`, fontSize: 13, color: COLOURS.ink, margin: [0, 8, 0, 2] },
    { text: `Reporting period: ${meta.period.label} · all times in ${tz}`, fontSize: 8.5, color: COLOURS.muted, margin: [0, 0, 0, 28] },
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                keyValueList([
                  ['Site', meta.siteName],
                  // Every share in the pack is over the measured assets; the cover says how many that is.
                  ['Coverage', `${formatCount(report.summary.assetsMeasured)} of ${formatCount(report.summary.assetsInScope)} assets measured (${formatShare(report.summary.coverageShare)}; collected within ${formatCount(meta.policy.freshnessDays)} ${meta.policy.freshnessDays === 1 ? 'day' : 'days'})`],
                  ['Prepared by', orDash(report.branding.mspName)],
                  ['Generated', `${formatDateTime(meta.generatedAt, tz)} (${tz}) by ${orDash(meta.generatedBy)}`],
                  ['Software', `Patchdesk ${meta.appVersion}`],
                  ['Signing key', `${signer.algorithm} · fingerprint ${signer.fingerprint}`],
                ]),
              ],
              fillColor: COLOURS.panel,
              margin: [10, 8, 10, 8],
            },
          ],
        ],
      },
      layout: { ...PLAIN_LAYOUT, paddingRight: () => 0 },
    },
    { text: 'Contents', fontSize: 10.5, bold: true, color: COLOURS.brand, margin: [0, 28, 0, 6] },
    { toc: { textMargin: [0, 1.5, 0, 1.5], numberStyle: { fontSize: 9, color: COLOURS.muted } } },
    {
      text: 'This report and the data files beside it are listed with their SHA-256 hashes in the pack\u2019s manifest, which is signed with the key above. Check the signature (see VERIFY.txt) before relying on any figure, and compare the fingerprint with one obtained from the sender directly.',
      fontSize: 7.5,
      color: COLOURS.muted,
      margin: [0, 28, 0, 0],
    },
  ];
}
