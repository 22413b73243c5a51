import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { executiveSummarySection, summaryNarrative } from './executive-summary';

describe('executiveSummarySection', () => {
  it('shows the key numbers as tiles and charts', () => {
    const text = contentText(executiveSummarySection(sampleEvidenceReport()));
    for (const expected of ['40', 'Assets in scope', '70.0%', '28 of 40 assets', '72.5%', '65.4%', '17 of 26 missing fixes', '9', 'Overdue fixes', '628 days', 'xray-acq01, since 2025-02-11', '1 expiring soon · 1 expired', '3 · 4']) {
      expect(text).toContain(expected);
    }
    // Chart labels come from the SVGs.
    expect(text).toContain('Fully patched');
    expect(text).toContain('31-90 days');
    expect(text).toContain('Nov 2025');
  });

  it('says the numbers in a sentence', () => {
    expect(summaryNarrative(sampleEvidenceReport())).toBe(
      'At the end of the period (31 October 2026), 28 of the 40 assets in scope (70.0%) had every available fix installed and 29 (72.5%) had no missing security fix. Of 26 missing fixes, 17 (65.4%) were within their SLA or covered by an active exception, and 9 were overdue.',
    );
    expect(summaryNarrative(emptyEvidenceReport())).toContain('No assets were in scope for this period');
  });

  it('still draws the page for an empty report', () => {
    const text = contentText(executiveSummarySection(emptyEvidenceReport()));
    expect(text).toContain('No assets were in scope in this period, so there is no patch state to chart.');
    expect(text).toContain('No fix was overdue at the end of the period.');
    expect(text).toContain('No month of the last twelve has a measurement yet');
    expect(text).toContain('None');
  });
});
