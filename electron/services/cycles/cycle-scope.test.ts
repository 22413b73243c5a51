import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { StoredCycle } from '../../db/repositories/cycles.repository';
import { assetName, assetRingsView, cycleScopeView, rescanSummary } from './cycle-scope';
import { DEFAULT_CYCLE_SETTINGS } from './cycle-settings';

const asset = (id: number, extra: Partial<Asset>): Asset => ({ id, siteId: 1, hostname: '', addresses: [], deviceType: 'server', osFamily: 'linux', osName: '', role: '', tags: [], status: 'active', ...extra }) as Asset;
const assets = [asset(1, { hostname: 'web10' }), asset(2, { hostname: 'web9' }), asset(3, { addresses: ['10.0.0.3'], deviceType: 'printer' }), asset(4, { hostname: 'old', status: 'retired' })];
const baseline = { id: 1, kind: 'baseline', month: '2027-01' } as StoredCycle;

describe('cycle scope', () => {
  it('names assets, orders them by ring then name, and applies cadences to the month', () => {
    expect(assetName(asset(9, {}))).toBe('asset 9');
    expect(assetRingsView(assets.slice(0, 3), new Map([[1, 'test']]), DEFAULT_CYCLE_SETTINGS).map((each) => [each.name, each.ring, each.assetClass])).toEqual([
      ['web10', 'test', 'os-and-apps'],
      ['10.0.0.3', 'broad', 'firmware'],
      ['web9', 'broad', 'os-and-apps'],
    ]);
    expect(cycleScopeView(baseline, assets, new Map(), DEFAULT_CYCLE_SETTINGS, []).map((each) => [each.name, each.due])).toEqual([['10.0.0.3', true], ['web9', true], ['web10', true]]);
    expect(cycleScopeView({ ...baseline, month: '2026-11' }, assets, new Map(), DEFAULT_CYCLE_SETTINGS, []).map((each) => each.due)).toEqual([false, true, true]);
    expect(cycleScopeView({ ...baseline, kind: 'emergency', month: null }, assets, new Map(), DEFAULT_CYCLE_SETTINGS, [4]).map((each) => [each.name, each.due])).toEqual([['old', true]]);
  });

  it('counts collected and failed hosts against the due ones', () => {
    const scope = cycleScopeView({ ...baseline, month: '2026-11' }, assets, new Map(), DEFAULT_CYCLE_SETTINGS, []);
    const activity = { assets: new Map([[1, { ok: true, lastAt: '2026-11-12T10:00:00+01:00' }], [3, { ok: false, lastAt: '2026-11-12T08:00:00Z' }]]), runs: [] };
    expect(rescanSummary({ from: 'a', to: null }, activity, scope)).toEqual({ from: 'a', to: null, hostsCollected: 1, hostsFailed: 1, dueHosts: 2, dueHostsCollected: 1, lastCollectedAt: '2026-11-12T09:00:00.000Z', runs: [] });
  });
});
