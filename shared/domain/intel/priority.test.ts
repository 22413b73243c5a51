import { describe, expect, it } from 'vitest';
import { assetPriority, comparePriority, fixPriority, formatPercentile, type CveIntel } from './priority';

const kev = (cve: string, dueDate: string, knownRansomware: boolean | null = false): CveIntel => ({ cve, kev: { dateAdded: '2022-08-18', dueDate, knownRansomware }, epss: null, cvss: null });
const scored = (cve: string, epss: number | null, cvss: number | null): CveIntel => ({
  cve,
  kev: null,
  epss: epss === null ? null : { score: epss, percentile: 0.99995, modelVersion: 'v2023.03.01', scoreDate: '2023-03-07' },
  cvss: cvss === null ? null : { baseScore: cvss, severity: cvss >= 9 ? 'CRITICAL' : 'HIGH', source: 'NVD', version: '3.1' },
});

describe('priority', () => {
  it('puts known exploited first, ransomware before the rest, whatever the tier', () => {
    const internal = { tier: 4 as const, exposure: 'limited' as const };
    const crown = { tier: 1 as const, exposure: 'high' as const };
    const order = [
      fixPriority('a', [scored('CVE-1', 0.2, 10)], crown),
      fixPriority('b', [kev('CVE-2', '2022-09-08')], internal),
      fixPriority('c', [kev('CVE-3', '2022-09-30', true)], internal),
      fixPriority('d', [], crown),
      fixPriority('e', [scored('CVE-4', 0.6, 5)], internal),
    ].sort(comparePriority);
    expect(order.map((p) => p.class)).toEqual(['kev_ransomware', 'kev', 'epss_likely', 'cvss_critical', 'no_intel']);
  });

  it('orders one class by tier, exposure, due date, EPSS then CVSS', () => {
    const a = fixPriority('a', [kev('CVE-1', '2022-09-08')], { tier: 2, exposure: 'limited' });
    const b = fixPriority('b', [kev('CVE-1', '2022-09-08')], { tier: 1, exposure: 'limited' });
    const c = fixPriority('c', [kev('CVE-1', '2022-09-08')], { tier: 1, exposure: 'high' });
    const d = fixPriority('d', [kev('CVE-1', '2022-09-01')], { tier: 1, exposure: 'high' });
    expect([a, b, c, d].sort(comparePriority).map((p) => p.key.at(-1))).toEqual(['d', 'c', 'b', 'a']);
    const low = fixPriority('x', [scored('CVE-9', 0.1, 7)], { tier: 3, exposure: null });
    const high = fixPriority('y', [scored('CVE-8', 0.3, 7)], { tier: 3, exposure: null });
    expect(comparePriority(high, low)).toBeLessThan(0);
  });

  it('says why, as data, naming the CVE behind each figure', () => {
    const p = fixPriority('openssl', [kev('CVE-2022-1', '2022-09-08', true), scored('CVE-2022-2', 0.97567, 9.8)], { tier: null, exposure: 'high' });
    expect(p.reasons.map((r) => r.text)).toEqual([
      'CVE-2022-1 is known exploited (CISA KEV since 2022-08-18)',
      'CVE-2022-1 is used in ransomware campaigns',
      'CISA due date 2022-09-08',
      'CVE-2022-2: EPSS 0.976, percentile 99.9, model v2023.03.01',
      'CVE-2022-2: CVSS 9.8 critical (NVD)',
      'Unclassified asset, held to tier 2',
      'Internet-facing',
    ]);
    expect([p.kev, p.knownRansomware, p.kevDueDate, p.epss, p.cvss]).toEqual([true, true, '2022-09-08', 0.97567, 9.8]);
    expect(fixPriority('x', [], { tier: 1, exposure: null }).reasons.at(-1)?.code).toBe('no_cve');
    expect(fixPriority('x', [scored('CVE-1', null, null)], { tier: 1, exposure: null }).reasons.at(-1)?.code).toBe('no_feed_data');
  });

  it('ranks an asset by its most urgent fix and counts its KEV fixes', () => {
    const asset = { tier: 2 as const, exposure: 'limited' as const };
    const result = assetPriority([fixPriority('a', [], asset), fixPriority('b', [kev('CVE-1', '2022-09-08')], asset), fixPriority('c', [kev('CVE-2', '2022-10-08')], asset)]);
    expect(result.top?.key.at(-1)).toBe('b');
    expect(result.kevFixes).toBe(2);
    expect(result.reasons[0]?.text).toBe('2 missing fixes close known-exploited vulnerabilities');
    expect(assetPriority([]).top).toBeNull();
  });

  it('writes percentiles rounded down', () => {
    expect(formatPercentile(0.99995)).toBe('99.9');
    expect(formatPercentile(0.43131)).toBe('43.1');
  });
});
