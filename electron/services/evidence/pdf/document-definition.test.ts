import type { Content, ContentSection, DynamicContent } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../evidence-report.fixture';
import { evidenceDocument, reportTitle } from './document-definition';
import { contentText } from './testing/content-text';

const pageSize = { width: 595.28, height: 841.89, orientation: 'portrait' as const };

describe('evidenceDocument', () => {
  it('dates the document with the report, so renders are reproducible', () => {
    const report = sampleEvidenceReport();
    const doc = evidenceDocument(report);
    expect(doc.info?.title).toBe(reportTitle(report));
    expect(doc.info?.author).toBe('Northwind IT Services');
    expect(doc.info?.creator).toBe('Patchdesk 0.1.0');
    expect(doc.info?.creationDate?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(doc.info?.modDate?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(JSON.stringify(evidenceDocument(report).content)).toBe(JSON.stringify(doc.content));
  });

  it('names Patchdesk as the author of an unbranded pack', () => {
    expect(evidenceDocument(emptyEvidenceReport()).info?.author).toBe('Patchdesk');
  });

  it('starts every section on a new page, the register and the inventory in landscape, the cover bare', () => {
    const sections = evidenceDocument(sampleEvidenceReport()).content as ContentSection[];
    expect(sections.every((s) => 'section' in s)).toBe(true);
    expect(sections[0]).toMatchObject({ header: null, footer: null });
    const landscape = sections.filter((s) => s.pageOrientation === 'landscape').map((s) => contentText(s.section).split('\n')[0]);
    expect(landscape).toEqual(['Exception register', 'Appendix A: asset inventory']);
  });

  it('runs a header with the site and period and a footer with "page X of Y"', () => {
    const doc = evidenceDocument(sampleEvidenceReport());
    const header = contentText((doc.header as DynamicContent)(3, 11, pageSize) as Content);
    expect(header).toContain('Contoso Dental – Main office');
    expect(header).toContain('October 2026');
    expect(header).toContain('2026-10-01 to 2026-10-31');
    const footer = contentText((doc.footer as DynamicContent)(3, 11, pageSize) as Content);
    expect(footer).toContain('Page 3 of 11');
    expect(footer).toContain('Prepared by Northwind IT Services');
  });

  it('has no pageBreakBefore rule, which would make pdfmake lay the document out again', () => {
    // Headings are kept with what follows by structure (blocks.ts: keepTogether, table captions).
    expect(evidenceDocument(sampleEvidenceReport()).pageBreakBefore).toBeUndefined();
  });
});
