import { describe, expect, it } from 'vitest';
import { describeSelection, fixingUpdatesByAsset, narrowPending } from './selection';

const pending = [
  { name: 'openssl', security: true, severity: 'Critical', cves: ['CVE-2026-1'], advisories: ['DSA-1-1'] },
  { name: 'curl', security: true, cves: [], advisories: [] },
  { name: 'vim', security: false, cves: [], advisories: ['KB5034441'] },
];
const none = { minSeverity: null, advisories: [], fixes: null };

describe('narrowPending', () => {
  it('keeps severities at or above the floor (an unrated security fix counts as high)', () => {
    expect(narrowPending({ ...none, minSeverity: 'critical' }, pending, null).map((item) => item.name)).toEqual(['openssl']);
    expect(narrowPending({ ...none, minSeverity: 'high' }, pending, null).map((item) => item.name)).toEqual(['openssl', 'curl']);
    expect(narrowPending({ ...none, minSeverity: 'low' }, pending, null)).toHaveLength(3);
  });

  it('keeps named advisories, KBs and CVEs however they are spelled', () => {
    expect(narrowPending({ ...none, advisories: ['cve-2026-1', '5034441'] }, pending, null).map((item) => item.name)).toEqual(['openssl', 'vim']);
  });

  it('keeps only the fixing updates, and nothing on a host triage found nothing for', () => {
    expect(narrowPending({ ...none, fixes: 'CVE-2026-1' }, pending, new Set(['openssl'])).map((item) => item.name)).toEqual(['openssl']);
    expect(narrowPending({ ...none, fixes: 'CVE-2026-1' }, pending, null)).toEqual([]);
  });
});

describe('fixingUpdatesByAsset', () => {
  it('takes the updates of assets with a fix pending only', () => {
    const byAsset = fixingUpdatesByAsset([
      { assetId: 1, state: 'fix_pending', packages: [{ update: { name: 'openssl' } }, { update: null }] },
      { assetId: 2, state: 'fixed', packages: [{ update: { name: 'openssl' } }] },
      { assetId: 3, state: 'fix_not_offered', packages: [{ update: null }] },
    ]);
    expect([...byAsset]).toEqual([[1, new Set(['openssl'])]]);
  });
});

describe('describeSelection', () => {
  it('says what the plan takes', () => {
    expect(describeSelection({ kind: 'security', packages: [], minSeverity: 'high', advisories: ['DSA-1-1'], fixes: null })).toBe('security updates of high severity or above in DSA-1-1');
    expect(describeSelection({ kind: 'all', packages: [], minSeverity: null, advisories: [], fixes: 'CVE-2026-1' })).toBe('pending updates that fix CVE-2026-1');
    expect(describeSelection({ kind: 'packages', packages: ['a', 'b'] })).toBe('packages a, b');
  });
});
