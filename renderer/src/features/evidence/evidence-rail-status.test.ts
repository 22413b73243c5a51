import { describe, expect, it } from 'vitest';
import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import { evidenceRailStatus } from './evidence-rail-status';

function pack(periodFrom: string, periodTo: string): EvidencePackRecord {
  return { id: 1, siteId: 1, periodFrom, periodTo, generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 'admin', filePath: '/data/p.zip', sizeBytes: 1, manifestSha256: 'ab', signerFingerprint: 'SHA256:x', auditHeadHash: 'cd' };
}

describe('evidence rail status', () => {
  it('says whether last month has a pack', () => {
    expect(evidenceRailStatus([], '2026-11-22', 'en-US')).toBe('October 2026 pack not exported yet');
    expect(evidenceRailStatus([pack('2026-10-01', '2026-10-31')], '2026-11-22', 'en-US')).toBe('October 2026 pack exported');
    expect(evidenceRailStatus([pack('2026-07-01', '2026-10-31')], '2026-11-22', 'en-US')).toBe('October 2026 pack exported');
    expect(evidenceRailStatus([pack('2026-10-02', '2026-10-31')], '2026-11-22', 'en-US')).toBe('October 2026 pack not exported yet');
  });

  it('looks back across the year end in January', () => {
    expect(evidenceRailStatus([], '2027-01-05', 'en-US')).toBe('December 2026 pack not exported yet');
  });

  it('says nothing for a day it cannot read', () => {
    expect(evidenceRailStatus([], 'soon')).toBe('');
  });
});
