import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { exceptionsSection, statusCounts } from './exceptions';

describe('exceptionsSection', () => {
  it('lists every entry with scope, owner, approver, dates and status', () => {
    const text = contentText(exceptionsSection(sampleEvidenceReport()));
    expect(text).toContain('5 entries: 1 active, 1 expiring soon, 1 expired, 1 closed, 1 renewed.');
    for (const expected of ['Whole asset', 'Package php8.1-fpm', 'KB5044284', 'CVE-2026-31337', 'All assets', 'Dr. Jürgen Weiß', 'Anna Schäfer (practice manager)', 'Expired', '2026-11-30 (closed 2026-10-22)', 'Policy limit: 90 days']) {
      expect(text).toContain(expected);
    }
  });

  it('counts statuses in a fixed order', () => {
    expect(statusCounts(['closed', 'active', 'active', 'expired'])).toBe('2 active, 1 expired, 1 closed');
    expect(statusCounts([])).toBe('');
  });

  it('says so when the register is empty', () => {
    expect(contentText(exceptionsSection(emptyEvidenceReport()))).toContain('The exception register was empty');
  });
});
