/**
 * How each number was computed, the SLA policy in force, and the signature block: the signing
 * key, its fingerprint and the audit chain head, so a reader can check the pack independently.
 */
import type { Content } from 'pdfmake/interfaces';
import { SEVERITIES } from '../../../../../shared/domain/patch-policy';
import { TIERS } from '../../../../../shared/domain/risk-tier';
import { describeKevRules } from '../../../../../shared/domain/sla/kev-rule';
import type { EvidenceReport } from '../../evidence-report';
import { dataTable, keepTogether, keyValueList, sectionTitle, subheading } from '../blocks';
import { formatCount, plural, severityLabel, tierLabel } from '../format';
import { COLOURS } from '../styles';

function policyTable(report: EvidenceReport): Content {
  const sla = report.meta.policy.slaDays;
  return dataTable(
    [{ header: 'SLA in days', width: '*' }, ...SEVERITIES.map((severity) => ({ header: severityLabel(severity), width: 70, align: 'right' as const }))],
    TIERS.map((tier) => [tierLabel(tier), ...SEVERITIES.map((severity) => formatCount(sla[`${tier}`][severity]))]),
    { caption: [subheading('SLA policy in force')] },
  );
}

/** The methodology and signature section. */
export function methodologySection(report: EvidenceReport): Content[] {
  const { signer, audit } = report;
  return [
    ...sectionTitle('Methodology and signature', 'How each figure in this report was computed, so it can be checked against the data files in the pack.'),
    policyTable(report),
    { text: `Exceptions may run at most ${plural(report.meta.policy.maxExceptionDays, 'day')} before renewal.`, style: 'small', margin: [0, -4, 0, 4] },
    keepTogether(subheading('KEV rules in force'), {
      text: `A fix for a CVE in CISA's Known Exploited Vulnerabilities catalogue is due by the earlier of its deadline above and the first of these rules that applies to its asset: ${describeKevRules(report.meta.policy.kevRules).join(' ')}`,
      style: 'small',
      margin: [0, 0, 0, 6],
    }),
    ...report.methodology.flatMap((note): Content[] => [
      { text: note.title, style: 'h3' },
      { text: note.text, alignment: 'justify' },
    ]),
    keepTogether(subheading('Signature'), {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                keyValueList(
                  [
                    ['Algorithm', signer.algorithm],
                    ['Public key (base64)', signer.publicKeyBase64],
                    ['Fingerprint', signer.fingerprint],
                    ['Audit chain head', `row #${audit.chainHead.id} · ${audit.chainHead.hash}`],
                  ],
                  90,
                ),
                {
                  text: 'The pack\u2019s manifest.json lists the size and SHA-256 hash of every file in the pack, this report included, and manifest.sig is its Ed25519 signature made with the key above. VERIFY.txt explains how to check both with Patchdesk or OpenSSL. A fingerprint is only proof of origin when compared with one received from the sender through another channel.',
                  fontSize: 7.5,
                  color: COLOURS.muted,
                  margin: [0, 6, 0, 0],
                },
              ],
              fillColor: COLOURS.panel,
              margin: [8, 6, 8, 6],
            },
          ],
        ],
      },
      layout: 'noBorders',
    }),
  ];
}
