import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../../../shared/domain/patch-policy';
import type { CollectionStanding, ScopeAssetRow } from '../../db/repositories/compliance.repository';
import type { StoredException } from '../../db/repositories/exceptions.repository';
import { capped, coverageGaps, exceptionsSection, measurementOf, unsupportedOs } from './compliance-sections';
import { SlaEngine } from '../../../shared/domain/sla/sla-engine';

const asset = (id: number, name: string, tier: ScopeAssetRow['tier'] = null): ScopeAssetRow => ({ id, name, address: '', tier, osName: 'Linux', osVersion: '', createdAt: '2026-01-01T00:00:00.000Z', firstCollectedAt: null });
const standing = (assetId: number, outcome: 'ok' | 'failed', at: string, os: CollectionStanding['os'] = null): CollectionStanding => ({
  assetId,
  latest: { at, outcome, errorCode: outcome === 'failed' ? 'timeout' : null, message: outcome === 'failed' ? 'no answer' : '' },
  lastSuccessAt: os ? at : null,
  os,
});

function entry(id: number, startsAt: string, expiresAt: string, extra: Partial<StoredException> = {}): StoredException {
  return { id, siteId: 1, scope: { kind: 'asset', assetId: 1, value: '' }, assetName: 'web1', reason: 'r', compensatingControls: '', owner: 'Ana', approver: '', startsAt, expiresAt, remediationDate: null, closedAt: null, closeReason: '', renewsId: null, renewedById: null, createdAt: startsAt, createdBy: 'tester', ...extra };
}

describe('compliance sections', () => {
  it('caps a list and keeps its length', () => {
    expect(capped([1, 2, 3], 2)).toEqual({ total: 3, items: [1, 2] });
    expect(capped([1, 2, 3], null)).toEqual({ total: 3, items: [1, 2, 3] });
  });

  it('lists the assets not measured at an instant, by reason, tier and name, with why', () => {
    const assets = [asset(1, 'a'), asset(2, 'b', 1), asset(3, 'c'), asset(4, 'd'), asset(5, 'e', 2)];
    const standings = new Map([
      [1, standing(1, 'failed', '2026-10-01T00:00:00.000Z')],
      [2, standing(2, 'failed', '2026-10-05T00:00:00.000Z')],
      [3, standing(3, 'ok', '2026-10-30T00:00:00.000Z', { id: 'debian', name: 'Debian', version: '12', build: '' })],
      [5, standing(5, 'ok', '2026-10-05T00:00:00.000Z', { id: 'debian', name: 'Debian', version: '12', build: '' })],
    ]);
    const at = Date.parse('2026-11-01T00:00:00Z');
    const measurements = new Map(assets.map((a) => [a.id, measurementOf(standings.get(a.id), at, 7)]));
    expect(measurements.get(3)?.measured).toBe(true);
    expect(coverageGaps(assets, measurements).map((gap) => [gap.assetName, gap.reason, gap.failure?.errorCode ?? null, gap.staleSince])).toEqual([
      ['d', 'never_collected', null, null],
      ['b', 'last_failed', 'timeout', null],
      ['a', 'last_failed', 'timeout', null],
      ['e', 'stale', null, '2026-10-12T00:00:00.000Z'],
    ]);
  });

  it('judges end of life from the inventory while no collection has confirmed the OS, and says so', () => {
    const table = { updated: '2026-11-01', entries: [{ id: 'windows', build: '7601', name: 'Windows 7', eol: '2020-01-14', source: 'microsoft.com' }] };
    const inventoryOnly = { ...asset(1, 'xray'), osName: 'Windows 7 Professional' };
    expect(unsupportedOs([inventoryOnly], new Map(), table, '2026-11-01')).toEqual([expect.objectContaining({ assetName: 'xray', osName: 'Windows 7 Professional', eolDate: '2020-01-14', osSource: 'inventory' })]);
  });

  it('lists operating systems past end of life on the day given', () => {
    const table = { updated: '2026-11-01', entries: [{ id: 'debian', version: '10', name: 'Debian 10', eol: '2024-06-30', source: 'debian.org' }, { id: 'debian', version: '11', name: 'Debian 11', eol: '2026-08-31', source: 'debian.org' }] };
    const assets = [asset(1, 'old'), asset(2, 'older'), asset(3, 'new')];
    const standings = new Map([
      [1, standing(1, 'ok', '2026-10-01T00:00:00.000Z', { id: 'debian', name: 'Debian GNU/Linux 11', version: '11', build: '' })],
      [2, standing(2, 'ok', '2026-10-01T00:00:00.000Z', { id: 'debian', name: 'Debian GNU/Linux 10', version: '10', build: '' })],
      [3, standing(3, 'ok', '2026-10-01T00:00:00.000Z', { id: 'debian', name: 'Debian GNU/Linux 12', version: '12', build: '' })],
    ]);
    expect(unsupportedOs(assets, standings, table, '2026-11-01').map((row) => [row.assetName, row.osName, row.eolDate])).toEqual([
      ['older', 'Debian GNU/Linux 10', '2024-06-30'],
      ['old', 'Debian GNU/Linux 11', '2026-08-31'],
    ]);
    expect(unsupportedOs(assets, standings, table, '2026-08-31').map((row) => row.assetName)).toEqual(['older']);
  });

  it('sorts the register by status at the period end, with the days left in the site zone', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'Europe/Berlin', []);
    const stored = [
      entry(1, '2026-09-01T00:00:00.000Z', '2026-10-15T22:00:00.000Z'),
      entry(2, '2026-10-20T00:00:00.000Z', '2026-11-10T23:00:00.000Z'),
      entry(3, '2026-10-20T00:00:00.000Z', '2026-11-05T23:00:00.000Z'),
      entry(4, '2026-09-01T00:00:00.000Z', '2026-10-20T22:00:00.000Z', { renewedById: 5 }),
      entry(5, '2026-10-19T00:00:00.000Z', '2027-01-10T23:00:00.000Z', { renewsId: 4 }),
      entry(6, '2026-08-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', { closedAt: '2026-08-15T00:00:00.000Z' }),
    ];
    const section = exceptionsSection(stored, engine, { fromMs: Date.parse('2026-10-01T00:00:00Z'), toMs: Date.parse('2026-11-02T09:00:00Z') }, 1);
    expect(section.byStatus).toEqual({ active: 1, expiring_soon: 2, expired: 1, closed: 1, renewed: 1, scheduled: 0 });
    expect(section.active).toBe(3);
    expect(section.expiringSoon).toEqual({ total: 2, items: [expect.objectContaining({ id: 3, lastDay: '2026-11-05', daysLeft: 3 })] });
    expect(section.expired.items).toEqual([expect.objectContaining({ id: 1, lastDay: '2026-10-15', daysLeft: -18, status: 'expired' })]);
    // Entry 1 expired in the period; entry 4 was renewed before it expired.
    expect(section.expiredDuringPeriod).toBe(1);
  });
});
