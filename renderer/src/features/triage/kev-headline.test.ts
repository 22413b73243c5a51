import { describe, expect, it } from 'vitest';
import type { SiteVulnerabilities } from '../../../../shared/contract';
import { kevHeadline } from './kev-headline';

const base: SiteVulnerabilities = { siteId: 1, mapping: { current: true, pendingAssets: 0 }, updates: [], assets: [], kevMissing: [], feeds: { kev: true, epss: false, distribution: true } };
const missing = { cve: 'CVE-2016-5405', name: 'x', dueDate: '2026-12-01', knownRansomware: false, assetIds: [1, 2], withoutFix: [2] };

describe('KEV headline', () => {
  it('names the assets waiting for the mapping, never counting them clean', () => {
    expect(kevHeadline(base)).toBe('None of the mapped assets misses a fix for a known-exploited CVE');
    expect(kevHeadline({ ...base, mapping: { current: false, pendingAssets: 3 } })).toBe('None of the mapped assets misses a fix for a known-exploited CVE; mapping in progress for 3 assets (not counted as clean)');
    expect(kevHeadline({ ...base, kevMissing: [missing], mapping: { current: false, pendingAssets: 1 } })).toBe('1 known-exploited CVE on 2 assets; 1 without a fix offered; mapping in progress for 1 asset (not counted as clean)');
    expect(kevHeadline({ ...base, feeds: { kev: false, epss: false, distribution: true } })).toBe('Not measured: no CISA KEV catalogue imported');
  });
});
