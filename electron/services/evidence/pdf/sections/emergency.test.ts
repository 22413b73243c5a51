import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { emergencySection } from './emergency';

describe('emergencySection', () => {
  it('shows triage, deployment, re-test and closing times and whether the deadline was met', () => {
    const text = contentText(emergencySection(sampleEvidenceReport()));
    expect(text).toMatch(/CVE-2026-40321\nOpenSSH pre-authentication remote code execution\n3\n2026-10-08 15:20\n2026-10-08 20:10\n2026-10-08 20:40\n2026-10-09 09:45\n2026-10-10 15:20\nMet/);
  });

  it('shows pending and missed deadlines', () => {
    const report = sampleEvidenceReport();
    const row = report.emergencyItems[0]!;
    const text = contentText(emergencySection({ ...report, emergencyItems: [{ ...row, deadlineMet: false }, { ...row, retestedAt: null, closedAt: null, deadlineMet: null }] }));
    expect(text).toContain('Missed');
    expect(text).toContain('Pending');
  });

  it('says so when there was no emergency', () => {
    expect(contentText(emergencySection(emptyEvidenceReport()))).toContain('No emergency cycle was opened in this period.');
  });
});
