import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { overdueSection } from './overdue';

describe('overdueSection', () => {
  it('counts overdue fixes by tier and band and lists each, longest overdue first', () => {
    const report = sampleEvidenceReport();
    const text = contentText(overdueSection(report));
    expect(text).toMatch(/Tier 1\n1\n2\n1\n0\n4/);
    expect(text).toMatch(/All tiers\n1\n4\n3\n1\n9/);
    expect(text).toContain('All overdue fixes (9)');
    expect(text.indexOf('ptr-recep')).toBeLessThan(text.indexOf('dc01'));
    // The unclassified asset is held to tier 2 and marked.
    expect(text).toMatch(/ws-10-20-0-87\nT2\*/);
  });

  it('shows where each SLA clock started and on what basis', () => {
    const text = contentText(overdueSection(sampleEvidenceReport()));
    expect(text).toContain('SLA clock from');
    expect(text).toMatch(/KB5046860\)\nHigh\npublished \d{4}-\d{2}-\d{2}\n/);
    expect(text).toMatch(/first seen \d{4}-\d{2}-\d{2}\n/);
  });

  it('says so when nothing is overdue', () => {
    expect(contentText(overdueSection(emptyEvidenceReport()))).toContain('No fix was overdue at the end of the period.');
  });
});
