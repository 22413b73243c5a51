import { describe, expect, it } from 'vitest';
import { sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { methodologySection } from './methodology';

describe('methodologySection', () => {
  it('prints the SLA table, each methodology note and the signature block', () => {
    const report = sampleEvidenceReport();
    const text = contentText(methodologySection(report));
    expect(text).toMatch(/Tier 1\n7\n14\n30\n60/);
    expect(text).toMatch(/Tier 4\n30\n60\n120\n180/);
    expect(text).toContain('Exceptions may run at most 90 days before renewal.');
    for (const note of report.methodology) {
      expect(text).toContain(note.title);
      expect(text).toContain(note.text);
    }
    expect(text).toContain(report.signer.publicKeyBase64);
    expect(text).toContain(report.signer.fingerprint);
    expect(text).toContain(report.audit.chainHead.hash);
    expect(text).toContain('manifest.sig');
  });
});
