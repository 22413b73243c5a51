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
    expect(text).toMatch(/1815\n2026-10-21 00:00\nsystem\nexception #4\nexpired/);
    expect(text).toContain(String(report.audit.entries.length));
  });

  it('says so when nothing was recorded', () => {
    expect(contentText(auditExcerptSection(emptyEvidenceReport()))).toContain('Nothing was recorded in the audit log during this period.');
  });
});
