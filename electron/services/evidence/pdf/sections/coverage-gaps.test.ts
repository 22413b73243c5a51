import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { coverageGapsSection } from './coverage-gaps';

describe('coverageGapsSection', () => {
  it('lists failed collections and unsupported operating systems', () => {
    const text = contentText(coverageGapsSection(sampleEvidenceReport()));
    expect(text).toMatch(/op-07\n2026-10-30 22:15\nauth_failed/);
    expect(text).toMatch(/xray-acq01\nTier 3\nWindows 7 Professional SP1\n14 January 2020/);
    expect(text).toMatch(/ws-10-20-0-87\nUnclassified/);
  });

  it('says so when there are no gaps', () => {
    const text = contentText(coverageGapsSection(emptyEvidenceReport()));
    expect(text).toContain('Every collection in the period succeeded.');
    expect(text).toContain('No asset ran an operating system past its end of support.');
  });
});
