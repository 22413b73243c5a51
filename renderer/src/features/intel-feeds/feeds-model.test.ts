import { describe, expect, it } from 'vitest';
import { looksLikeSignedBundle, type IntelFeedStatus } from '../../../../shared/contract/intel';
import { feedRows } from './feeds-model';

const kev: IntelFeedStatus = {
  id: 1,
  kind: 'kev',
  scope: '',
  fileName: 'known_exploited_vulnerabilities.json',
  sourceUrl: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  retrievedAt: '2026-11-30T08:15:00.000Z',
  sha256: 'a'.repeat(64),
  sizeBytes: 1_500_000,
  feedVersion: '2026.11.29',
  feedDate: '2026-11-29T17:00:00.000Z',
  recordCount: 1_402,
  warnings: [],
  importedAt: '2026-11-30T08:16:00.000Z',
  importedBy: 'ana',
  supersededAt: null,
  ageDays: 3,
};

describe('feedRows', () => {
  it('shows version and date, records, age and provenance; flags a feed older than its limit', () => {
    expect(feedRows([kev])).toEqual([
      {
        id: 1,
        kind: 'CISA KEV',
        scope: 'whole feed',
        version: '2026.11.29, 2026-11-29',
        records: '1,402 records',
        age: '3 days',
        flag: null,
        provenance: 'known_exploited_vulnerabilities.json, from https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json, retrieved 2026-11-30 08:15 UTC, by ana',
        sha256: 'a'.repeat(64),
        warnings: [],
      },
    ]);
    const tracker: IntelFeedStatus = { ...kev, id: 2, kind: 'debian-tracker', sourceUrl: null, feedVersion: null, feedDate: null, ageDays: 31, fileName: 'json' };
    expect(feedRows([tracker])[0]).toMatchObject({ kind: 'Debian security tracker', version: 'no version or date in the file', age: '31 days since retrieved', flag: "older than the policy's 30 days", provenance: expect.stringContaining('imported from a file') });
    expect(feedRows([{ ...kev, ageDays: null }])[0]).toMatchObject({ age: 'unknown', flag: 'age unknown' });
    expect(feedRows([{ ...kev, kind: 'osv', scope: 'records', ageDays: 1 }])[0]).toMatchObject({ kind: 'OSV', scope: 'single records', age: '1 day' });
  });

  it('tells a signed bundle from a feed by the ZIP directory at its end', () => {
    const zipTail = new TextEncoder().encode('PK\u0003\u0004 ... feeds/x.feed manifest.json manifest.sig');
    expect(looksLikeSignedBundle(zipTail)).toBe(true);
    expect(looksLikeSignedBundle(new TextEncoder().encode('PK\u0003\u0004 ... all/DSA-1.json'))).toBe(false);
    expect(looksLikeSignedBundle(new TextEncoder().encode('{"manifest.json": "manifest.sig"}'))).toBe(false);
  });
});
