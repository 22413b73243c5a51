import { describe, expect, it } from 'vitest';
import { OVERDUE_AGE_BANDS } from '../../../shared/domain/sla/sla-rules';
import type { EvidenceReport } from './evidence-report';
import { emptyEvidenceReport, largeEvidenceReport, sampleEvidenceReport, sampleLogoPng } from './evidence-report.fixture';

/** The invariants a real report holds too: the headline figures are the sums of the rows. */
function expectConsistent(report: EvidenceReport): void {
  const s = report.summary;
  expect(report.assets).toHaveLength(s.assetsInScope);
  expect(report.assets.filter((a) => a.measured)).toHaveLength(s.assetsMeasured);
  expect(report.coverageGaps).toHaveLength(s.assetsInScope - s.assetsMeasured);
  expect(report.assets.filter((a) => a.measured && a.pending === 0)).toHaveLength(s.fullyPatched);
  expect(report.assets.filter((a) => a.measured && a.securityPending === 0)).toHaveLength(s.securityPatched);
  expect(report.assets.reduce((sum, a) => sum + (a.pending ?? 0), 0)).toBe(s.missing.total);
  expect(report.assets.reduce((sum, a) => sum + (a.overdue ?? 0), 0)).toBe(s.missing.overdue);
  expect(report.overdueItems).toHaveLength(s.missing.overdue);
  expect(s.missing.within + s.missing.dueSoon + s.missing.overdue + s.missing.excepted).toBe(s.missing.total);
  expect(report.byTier.map((row) => row.tier)).toEqual([1, 2, 3, 4, null]);
  expect(report.byTier.reduce((sum, row) => sum + row.assetsInScope, 0)).toBe(s.assetsInScope);
  expect(report.byTier.reduce((sum, row) => sum + row.assetsMeasured, 0)).toBe(s.assetsMeasured);
  expect(report.byTier.reduce((sum, row) => sum + row.missing.overdue, 0)).toBe(s.missing.overdue);
  expect(report.overdueByTier.reduce((sum, row) => sum + OVERDUE_AGE_BANDS.reduce((n, band) => n + row.bands[band], 0), 0)).toBe(s.missing.overdue);
  for (let i = 1; i < report.overdueItems.length; i++) expect(report.overdueItems[i - 1]!.overdueDays).toBeGreaterThanOrEqual(report.overdueItems[i]!.overdueDays);
  // JSON-friendly: survives a round trip unchanged.
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

describe('evidence report fixtures', () => {
  it('builds a consistent sample for October 2026 at Contoso Dental', () => {
    const report = sampleEvidenceReport();
    expectConsistent(report);
    expect(report.meta.siteName).toBe('Contoso Dental – Main office');
    expect(report.meta.period).toEqual({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', fromDate: '2026-10-01', toDate: '2026-10-31', label: 'October 2026' });
    expect(report.summary).toMatchObject({ assetsInScope: 40, assetsMeasured: 37, coverageGaps: 3, fullyPatched: 25, securityPatched: 26, missing: { total: 26, within: 9, dueSoon: 4, overdue: 9, excepted: 4 } });
    expect(report.exceptions.map((e) => e.status)).toEqual(['renewed', 'active', 'expired', 'expiring_soon', 'closed']);
    expect(report.cycles.map((c) => c.kind)).toEqual(['emergency', 'baseline']);
    expect(report.cycles[1]?.checklist.every((item) => item.state !== 'open')).toBe(true);
    expect(report.trend).toHaveLength(12);
    expect(report.trend.at(-1)).toEqual({ month: '2026-10', assetsInScope: 40, assetsMeasured: 37, fullyPatchedShare: 25 / 37, withinSlaShare: 17 / 26, overdue: 9 });
    expect(report.signer.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('dates overdue fixes so that their due dates and days overdue agree at the end of the period', () => {
    const item = sampleEvidenceReport().overdueItems.find((row) => row.hostname === 'dc01');
    // Due 2026-10-27, overdue from 28 October; at the period's end (1 November, 00:00) that is day 5.
    expect(item).toMatchObject({ dueDate: '2026-10-27', overdueDays: 5, band: '0-7', tier: 1, severity: 'critical' });
  });

  it('applies overrides to whole top-level fields', () => {
    expect(sampleEvidenceReport({ exceptions: [] }).exceptions).toEqual([]);
  });

  it('builds a consistent empty report and a consistent large one', () => {
    expectConsistent(emptyEvidenceReport());
    const large = largeEvidenceReport(1000);
    expectConsistent(large);
    expect(large.assets).toHaveLength(1000);
    expect(new Set(large.assets.map((a) => a.hostname)).size).toBe(1000);
  });

  it('draws a valid PNG logo', () => {
    const png = Buffer.from(sampleLogoPng(32));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(32);
  });
});
