import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { complianceByTierSection } from './compliance-by-tier';

describe('complianceByTierSection', () => {
  it('has a row per tier, one for unclassified assets and a total', () => {
    const text = contentText(complianceByTierSection(sampleEvidenceReport()));
    // In scope, measured, coverage, then the patched shares of the measured assets.
    expect(text).toMatch(/Tier 1\n5\n5\n100\.0%\n40\.0%/);
    expect(text).toMatch(/Unclassified\n2\n1\n50\.0%\n0\.0%/);
    expect(text).toMatch(/All assets\n40\n37\n92\.5%\n67\.6%\n70\.3%\n26\n9\n4\n4\n9\n65\.4%/);
  });

  it('says so when no asset is in scope', () => {
    expect(contentText(complianceByTierSection(emptyEvidenceReport()))).toContain('No assets were in scope for this period.');
  });
});
