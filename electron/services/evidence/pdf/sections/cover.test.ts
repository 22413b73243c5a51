import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { coverSection } from './cover';

describe('coverSection', () => {
  it('names the site, period, MSP, generation and signing key, with the logo and contents', () => {
    const report = sampleEvidenceReport();
    const content = coverSection(report);
    const text = contentText(content);
    for (const expected of ['Contoso Dental – Main office', '1 October 2026 – 31 October 2026', 'Northwind IT Services', '2026-11-02 10:00 (Europe/Berlin) by Markus Becker', 'Patchdesk 0.1.0', report.signer.fingerprint, 'Contents', '37 of 40 assets measured (92.5%; collected within 7 days)']) {
      expect(text).toContain(expected);
    }
    expect(JSON.stringify(content)).toContain('"image":"data:image/png;base64,');
    expect(JSON.stringify(content)).toContain('"toc"');
  });

  it('prints a wordmark when there is no logo or MSP', () => {
    const content = coverSection(emptyEvidenceReport());
    expect(JSON.stringify(content)).not.toContain('"image"');
    expect(contentText(content)).toContain('Patchdesk');
  });
});
