import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { cyclesSection } from './cycles';

describe('cyclesSection', () => {
  it('logs each checklist item with who, when, note and evidence, and marks late ones', () => {
    const text = contentText(cyclesSection(sampleEvidenceReport()));
    expect(text).toContain('Emergency cycle: OpenSSH pre-authentication remote code execution (CVE-2026-40321)');
    expect(text).toContain('Baseline cycle: October 2026 patch cycle');
    expect(text).toContain('12 of 12 items handled, 1 late');
    expect(text).toMatch(/Triage: confirm which assets run an affected version\nDone\nLena Hoffmann\n2026-10-08 15:35/);
    expect(text).toMatch(/Firmware and appliance review \(firewall, NAS, printers\)\nDone \(late\)/);
    expect(text).toContain('N/A');
    expect(text).toContain('NW-TCK-20417');
  });

  it('does not repeat a kind the title already names, and shows open cycles as open', () => {
    const report = sampleEvidenceReport();
    const cycle = { ...report.cycles[1]!, title: 'Baseline November', closedAt: null, checklist: [{ label: 'Deploy', state: 'open' as const, by: null, at: null, note: '', evidenceRef: '', late: true }] };
    const text = contentText(cyclesSection({ ...report, cycles: [cycle] }));
    expect(text).toContain('Baseline November');
    expect(text).not.toContain('Baseline cycle: Baseline');
    expect(text).toContain('Still open at the end of the period');
    expect(text).toContain('Open (late)');
  });

  it('says so when no cycle ran', () => {
    expect(contentText(cyclesSection(emptyEvidenceReport()))).toContain('No patch cycle ran in this period.');
  });
});
