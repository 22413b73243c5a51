import { describe, expect, it } from 'vitest';
import { kpiTiles, type KpiId, type KpiTile } from './kpi-model';
import { makeFigures, makeSummary } from './overview-fixtures.test-helper';

const byId = (tiles: KpiTile[], id: KpiId) => tiles.find((tile) => tile.id === id)!;

describe('kpiTiles', () => {
  it('gives seven tiles in reading order, each linking to where it is fixed', () => {
    const tiles = kpiTiles(makeSummary());
    expect(tiles.map((tile) => tile.id)).toEqual(['coverage', 'fully-patched', 'within-sla', 'overdue', 'oldest-security', 'unsupported-os', 'exceptions']);
    expect(byId(tiles, 'overdue').href).toBe('#/status');
    expect(byId(tiles, 'exceptions').href).toBe('#/exceptions');
  });

  it('reads a quiet site calmly', () => {
    const tiles = kpiTiles(makeSummary());
    expect(byId(tiles, 'coverage')).toMatchObject({ value: '100.0%', detail: '10 of 10 assets measured', note: '', tone: 'success' });
    expect(byId(tiles, 'fully-patched')).toMatchObject({ value: '100.0%', detail: '10 of 10 measured (10 in scope)', tone: 'success' });
    expect(byId(tiles, 'within-sla')).toMatchObject({ value: '—', detail: 'Nothing missing', tone: 'neutral' });
    expect(byId(tiles, 'overdue')).toMatchObject({ value: '0', tone: 'success', note: '' });
    expect(byId(tiles, 'oldest-security')).toMatchObject({ value: 'None', tone: 'success' });
    expect(byId(tiles, 'exceptions')).toMatchObject({ value: '0', note: '0 expiring · 0 expired', tone: 'neutral' });
  });

  it('flags what needs doing', () => {
    const summary = makeSummary({
      site: makeFigures({
        assets: { inScope: 63, measured: 60, coverageShare: 60 / 63, fullyPatched: 1, fullyPatchedShare: 1 / 60, securityPatched: 2, securityPatchedShare: 2 / 60 },
        missing: { total: 300, within: 188, dueSoon: 4, overdue: 103, excepted: 5, withinSlaShare: 197 / 300, security: 200 },
        breaches: 118,
      }),
      oldestMissingSecurity: { assetId: 3, assetName: 'lnx-0003', updateName: 'libssh', firstSeenAt: '2025-11-20T13:22:07.105Z', clockStartAt: '2025-11-16T23:30:00.000Z', clockBasis: 'published', ageDays: 371 },
    });
    summary.coverageGaps = { total: 3, items: [] };
    summary.unsupportedOs = { total: 2, items: [{ assetId: 47, assetName: 'win-0047', tier: 4, osName: 'Windows Server 2012 R2', osVersion: '6.3', eolDate: '2023-10-10', source: '', osSource: 'inventory' }] };
    summary.exceptions = { ...summary.exceptions, active: 2, expiringSoon: { total: 1, items: [] }, expired: { total: 9, items: [] } };
    const tiles = kpiTiles(summary);
    expect(byId(tiles, 'coverage')).toMatchObject({ value: '95.2%', detail: '60 of 63 assets measured', note: '3 coverage gaps', tone: 'warning' });
    expect(byId(tiles, 'fully-patched')).toMatchObject({ value: '1.7%', detail: '1 of 60 measured (63 in scope)', note: '3.3% security patched (2 of 60)', tone: 'neutral' });
    expect(byId(tiles, 'within-sla')).toMatchObject({ value: '65.7%', detail: '197 of 300 fixes', note: '4 due soon · 5 excepted', tone: 'danger' });
    expect(byId(tiles, 'overdue')).toMatchObject({ value: '103', note: '118 breaches in period', tone: 'danger' });
    expect(byId(tiles, 'oldest-security')).toMatchObject({ value: '371 days', detail: 'libssh', note: 'on lnx-0003, since 2025-11-17 (published)', tone: 'warning' });
    expect(byId(tiles, 'unsupported-os')).toMatchObject({ value: '2', note: 'Windows Server 2012 R2 (from inventory) and others', tone: 'danger' });
    expect(byId(tiles, 'exceptions')).toMatchObject({ value: '2', note: '1 expiring · 9 expired', tone: 'danger' });
  });

  it('says not measured, never 0% or 100%, when no asset was measured', () => {
    const summary = makeSummary({ site: makeFigures({ assets: { inScope: 11, measured: 0, coverageShare: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null } }) });
    expect(byId(kpiTiles(summary), 'fully-patched')).toMatchObject({ value: 'not measured', detail: '0 of 0 measured (11 in scope)', note: '' });
  });

  it('grades the within-SLA share', () => {
    const at = (share: number) => byId(kpiTiles(makeSummary({ site: makeFigures({ missing: { total: 100, within: Math.round(share * 100), withinSlaShare: share } }) })), 'within-sla').tone;
    expect(at(0.97)).toBe('success');
    expect(at(0.85)).toBe('warning');
    expect(at(0.5)).toBe('danger');
  });
});
