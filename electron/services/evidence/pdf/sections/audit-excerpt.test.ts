import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { auditExcerptSection } from './audit-excerpt';

describe('auditExcerptSection', () => {
  it('lists the period rows and pins the chain head', () => {
    const report = sampleEvidenceReport();
    const text = contentText(auditExcerptSection(report));
    expect(text).toContain(`row #${report.audit.chainHead.id}`);
    expect(text).toContain(report.audit.chainHead.hash);
    expect(text).toContain('When (Europe/Berlin)');
    expect(text).toMatch(/1798\n2026-10-16 11:30\ndesktop\nmarkus\.becker added exception 5 for KB5044284 on xray-srv01, until 13 November 2026; owner Dr\. Jürgen Weiß\./);
    // A row from before Patchdesk recorded the interface says so, never a guess.
    expect(text).toMatch(/1771\n2026-10-01 22:15\nnot recorded\n/);
    expect(text).not.toMatch(/[{}]|=/);
    expect(text).toContain(String(report.audit.entries.length));
  });

  it('says so when nothing was recorded', () => {
    expect(contentText(auditExcerptSection(emptyEvidenceReport()))).toContain('Nothing was recorded in the audit log during this period.');
  });
});
