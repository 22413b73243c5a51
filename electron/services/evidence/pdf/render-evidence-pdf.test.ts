import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../../../test-support/temp-dir';
import type { EvidenceReport } from '../evidence-report';
import { emptyEvidenceReport, largeEvidenceReport, sampleEvidenceReport } from '../evidence-report.fixture';
import { renderEvidencePdf } from './render-evidence-pdf';
import { pdfInfo, pdfText, qpdfCheck, wordBoxes, writeTempPdf } from './testing/pdf-tools';
import { withCpuTimeAsync } from '../../../test-support/cpu-time';

afterAll(() => removeTempDirs());

/** Collapses runs of spaces so phrases laid out in columns can still be found. */
const squash = (text: string): string => text.replace(/[ \t]+/g, ' ');

async function rendered(report: EvidenceReport): Promise<{ bytes: Uint8Array; file: string; text: string }> {
  const bytes = await renderEvidencePdf(report);
  const file = writeTempPdf(bytes);
  return { bytes, file, text: squash(pdfText(file)) };
}

describe('renderEvidencePdf', () => {
  it('renders the sample as a valid, multi-page PDF with its metadata', async () => {
    const report = sampleEvidenceReport();
    const { bytes, file } = await rendered(report);
    // Set EVIDENCE_SAMPLE_PDF=/tmp/evidence-sample.pdf to keep a copy to look at (pdftoppm -png).
    if (process.env.EVIDENCE_SAMPLE_PDF) writeFileSync(process.env.EVIDENCE_SAMPLE_PDF, bytes);

    expect(qpdfCheck(file).status).toBe(0);
    const info = pdfInfo(file);
    expect(Number(info.Pages)).toBeGreaterThan(5);
    expect(info.Title).toBe('Patch compliance evidence: Contoso Dental – Main office, October 2026');
    expect(info.Author).toBe('Northwind IT Services');
    expect(info.Creator).toBe('Patchdesk 0.1.0');
    expect(info.CreationDate).toBe('2026-11-02T09:00:00Z');
    expect(info.ModDate).toBe('2026-11-02T09:00:00Z');
    expect(info['Page size']).toContain('A4');
  });

  it('prints the figures of the report, the owners, the fingerprint and the unicode site name', async () => {
    const report = sampleEvidenceReport();
    const { text } = await rendered(report);
    const pages = text.split('\f').length - 1;

    expect(text).toContain('Contoso Dental – Main office');
    expect(text).toContain('Northwind IT Services');
    expect(text).toMatch(/92\.5%[\s\S]*Coverage \(measured assets\)/);
    expect(text).toContain('67.6%');
    expect(text).toContain('70.3%');
    expect(text).toContain('65.4%');
    expect(text).toContain('25 of 37 measured (40 in scope)');
    expect(text).toContain(`All overdue fixes (${report.summary.missing.overdue})`);
    for (const owner of new Set(report.exceptions.map((row) => row.owner))) {
      // Owners may wrap inside their cell; every word must still be there, in order.
      expect(text.replace(/\s+/g, ' ')).toMatch(new RegExp(owner.split(' ').map((w) => w.replace(/[().]/g, '\\$&')).join('[\\s\\S]{0,200}?')));
    }
    expect(text).toContain('Dr. Jürgen Weiß');
    expect(text).toContain(report.signer.fingerprint);
    expect(text).toContain(report.signer.publicKeyBase64);
    expect(text).toContain(report.audit.chainHead.hash);
    expect(text).toContain('CVE-2026-40321');
    expect(text).toContain('Done (late)');
    expect(text).toContain(`Page 2 of ${pages}`);
    // Times are the site's (Europe/Berlin, UTC+2 in early October): 13:20Z prints as 15:20.
    expect(text).toContain('2026-10-08 15:20');
  });

  it('lists every overdue fix with its days overdue and every asset of the inventory', async () => {
    const report = sampleEvidenceReport();
    const { text } = await rendered(report);
    for (const item of report.overdueItems) expect(text).toMatch(new RegExp(`${item.dueDate} ${item.overdueDays}\\b`));
    for (const asset of report.assets) expect(text).toContain(asset.hostname);
  });

  it('renders the same report to the same bytes, and a new timestamp changes only the timestamps', async () => {
    const report = sampleEvidenceReport();
    const first = await renderEvidencePdf(report);
    const second = await renderEvidencePdf(sampleEvidenceReport());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);

    const later = await rendered({ ...report, meta: { ...report.meta, generatedAt: '2026-11-02T10:30:00.000Z' } });
    const original = squash(pdfText(writeTempPdf(first)));
    expect(Buffer.from(later.bytes).equals(Buffer.from(first))).toBe(false);
    expect(pdfInfo(later.file).CreationDate).toBe('2026-11-02T10:30:00Z');
    const differing = later.text.split('\n').filter((line, i) => line !== original.split('\n')[i]);
    expect(differing).toEqual([expect.stringContaining('2026-11-02 11:30 (Europe/Berlin)')]);
  });

  it('says plainly in every section when there is nothing to report', async () => {
    const { file, text } = await rendered(emptyEvidenceReport());
    expect(qpdfCheck(file).status).toBe(0);
    for (const sentence of [
      'No assets were in scope for this period',
      'No fix was overdue at the end of the period.',
      'The exception register was empty',
      'No patch cycle ran in this period.',
      'No emergency cycle was opened in this period.',
      'Every collection in the period succeeded.',
      'No asset ran an operating system past its end of support.',
      'The inventory was empty for this period.',
      'Nothing was recorded in the audit log during this period.',
      'No assets were in scope in this period',
      'No month of the last twelve has a',
    ]) {
      expect(text).toContain(sentence);
    }
    expect(pdfInfo(file).Author).toBe('Patchdesk');
  });

  it('wraps very long names and texts inside the page instead of overflowing', async () => {
    const base = sampleEvidenceReport();
    const longHost = `srv-${'a'.repeat(90)}.${'b'.repeat(90)}.example`;
    const report: EvidenceReport = {
      ...base,
      meta: { ...base.meta, siteName: `Zahnarztpraxis Müller & Söhne – ${'Hauptstandort Nord '.repeat(12)}` },
      branding: { ...base.branding, mspName: `Überall IT-Dienstleistungen ${'GmbH & Co. KG '.repeat(6)}` },
      assets: [{ ...(base.assets[0] as EvidenceReport['assets'][number]), hostname: longHost, os: 'Windows Server 2022 Datacenter: Azure Edition Hotpatch '.repeat(4) }, ...base.assets],
      overdueItems: [{ ...(base.overdueItems[0] as EvidenceReport['overdueItems'][number]), hostname: longHost, update: `${'Cumulative Update '.repeat(20)}(KB5044281)` }, ...base.overdueItems],
      exceptions: [{ ...(base.exceptions[0] as EvidenceReport['exceptions'][number]), reason: 'The vendor has not certified the update. '.repeat(80), owner: 'Maximiliane Wilhelmine von Hohenzollern-Sigmaringen' }],
    };
    const { file, text } = await rendered(report);
    expect(qpdfCheck(file).status).toBe(0);
    expect(text).toContain('Zahnarztpraxis Müller & Söhne');
    const boxes = wordBoxes(file);
    const outside = boxes.filter((box) => box.xMax > box.pageWidth - 20 || box.xMin < 20 || box.yMax > box.pageHeight - 10);
    expect(outside.map((box) => `${box.page}: ${box.text}`)).toEqual([]);
  });

  it('renders a 1,000-asset appendix well within the time limit', async () => {
    const report = largeEvidenceReport(1000);
    const { value: bytes, cpuMs } = await withCpuTimeAsync(() => renderEvidencePdf(report));
    const file = writeTempPdf(bytes);
    expect(cpuMs).toBeLessThan(15_000);
    expect(qpdfCheck(file).status).toBe(0);
    const text = pdfText(file);
    expect(text).toContain('ws-1000.contoso-dental.local');
    expect(Number(pdfInfo(file).Pages)).toBeGreaterThan(20);
    console.log(`1,000-asset report: ${Math.round(cpuMs)} ms CPU, ${pdfInfo(file).Pages} pages, ${bytes.length} bytes`);
  });

  it('draws an unusable logo as the wordmark instead of failing', async () => {
    const base = sampleEvidenceReport();
    for (const logo of [
      { mimeType: 'image/svg+xml', base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>').toString('base64') },
      { mimeType: 'image/png', base64: Buffer.from('not a png at all').toString('base64') },
    ]) {
      const { file, text } = await rendered({ ...base, branding: { ...base.branding, logo } });
      expect(qpdfCheck(file).status).toBe(0);
      expect(text).toContain('Northwind IT Services');
    }
  });
});
