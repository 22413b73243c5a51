import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { executiveSummarySection, summaryNarrative } from './executive-summary';

describe('executiveSummarySection', () => {
  it('shows the key numbers as tiles and charts', () => {
    const text = contentText(executiveSummarySection(sampleEvidenceReport()));
    for (const expected of ['92.5%', 'Coverage (measured assets)', '37 of 40 in scope', '67.6%', '25 of 37 measured (40 in scope)', '70.3%', '26 of 37 measured (40 in scope)', '65.4%', '17 of 26 missing fixes', '9', 'Overdue fixes', '628 days', 'xray-acq01, since 2025-02-11', '1 expiring soon · 1 expired', '3 · 4']) {
      expect(text).toContain(expected);
    }
    // Chart labels come from the SVGs.
    expect(text).toContain('Fully patched');
    expect(text).toContain('31-90 days');
    expect(text).toContain('Nov 2025');
  });

  it('says the numbers in a sentence', () => {
    expect(summaryNarrative(sampleEvidenceReport())).toBe(
      'At the end of the period (31 October 2026), 37 of the 40 assets in scope (92.5%) were measured: a collection of each succeeded within the 7 days before. Of the 37 measured, 25 (67.6%) had every available fix installed and 26 (70.3%) had no missing security fix. 3 assets are coverage gaps (3 last collection failed), not counted as patched. Of 26 fixes known missing, 17 (65.4%) were within their SLA or covered by an active exception, and 9 were overdue.',
    );
    const none = sampleEvidenceReport();
    none.summary = { ...none.summary, assetsMeasured: 0, coverageShare: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null };
    expect(summaryNarrative(none)).toContain('No asset was measured, so no patched share can be given: fully patched and security patched are not measured.');
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
