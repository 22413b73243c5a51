import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import type { Tier } from '../risk-tier';
import { complianceReport, type TrackedFix } from './testing/reference-compliance';
import type { PatchException } from './exception-status';
import { formatInstant, parseInstant } from './local-time';
import type { ComplianceFigures } from '../../contract/compliance';
import { evaluatePeriod, type ScopeAsset } from './period-figures';
import { SlaEngine, type FixRecord } from './sla-engine';

const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';
const TIERS: Record<number, Tier | null> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: null, 6: 1, 7: 3, 8: 2 };

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function records(count: number, seed: number): FixRecord[] {
  const next = generator(seed);
  const names = ['openssl', 'curl', 'bash', 'kernel', 'Update for Windows (KB5066782)'];
  const severities = ['Critical', 'Important', 'Moderate', 'low', '', 'high'];
  const start = parseInstant('2025-12-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const firstSeen = start + Math.floor(next() * 330 * DAY) + 3_600_000;
    const resolved = next() < 0.35 ? null : firstSeen + Math.floor(next() * 100 * DAY) + 60_000;
    return {
      id: i + 1,
      assetId: 1 + Math.floor(next() * 7),
      name: names[Math.floor(next() * names.length)] ?? 'curl',
      firstSeenAt: formatInstant(firstSeen),
      resolvedAt: resolved === null ? null : formatInstant(resolved),
      security: next() < 0.6,
      severity: severities[Math.floor(next() * severities.length)] ?? '',
      cves: ['CVE-2026-0001'],
      advisories: [],
    };
  });
}

const EXCEPTIONS: PatchException[] = [
  { id: 1, scope: { kind: 'asset', assetId: 2 }, startsAt: '2026-06-01T00:00:00Z', expiresAt: '2026-08-15T00:00:00Z' },
  { id: 2, scope: { kind: 'package', value: 'curl' }, startsAt: '2026-09-20T00:00:00Z', expiresAt: '2026-11-10T00:00:00Z' },
  { id: 3, scope: { kind: 'cve', assetId: 4, value: 'CVE-2026-0001' }, startsAt: '2026-10-01T00:00:00Z', expiresAt: '2026-10-20T00:00:00Z', closedAt: '2026-10-10T00:00:00Z' },
];

const PERIODS = [
  { from: '2026-10-01T00:00:00Z', to: '2026-11-02T09:00:00Z' },
  { from: '2026-03-01T00:00:00Z', to: '2026-03-31T22:00:00Z' },
  { from: '2025-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
];

const allMeasured = (scope: readonly ScopeAsset[]): Set<number> => new Set(scope.map((asset) => asset.id));

/** The reference report's asset figures (every asset measured). */
const asReference = (assets: ComplianceFigures['assets']) => ({ total: assets.inScope, fullyPatched: assets.fullyPatched, fullyPatchedShare: assets.fullyPatchedShare, securityPatched: assets.securityPatched, securityPatchedShare: assets.securityPatchedShare });

describe('evaluatePeriod', () => {
  it('gives the figures complianceReport gives for the same fixes, site-wide and per tier', () => {
    const items = records(600, 11);
    // Asset 8 has nothing missing ever; it still counts as an asset.
    const scope: ScopeAsset[] = Object.entries(TIERS).map(([id, tier]) => ({ id: Number(id), tier, knownSinceMs: 0 }));
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, ZONE, EXCEPTIONS);
    const prepared = items.map((record) => engine.prepare(record, TIERS[record.assetId] ?? null));
    const tracked = (record: FixRecord): TrackedFix => ({ ...record, tier: TIERS[record.assetId] ?? null, timeZone: ZONE, severity: record.severity || null });

    const seen = { within: 0, dueSoon: 0, overdue: 0, excepted: 0, breaches: 0 };
    for (const period of PERIODS) {
      const got = evaluatePeriod(engine, prepared, scope, allMeasured(scope), { from: parseInstant(period.from), to: parseInstant(period.to) }, { overdue: true, detail: true });
      for (const key of ['within', 'dueSoon', 'overdue', 'excepted'] as const) seen[key] += got.site.missing[key];
      seen.breaches += got.site.breaches;
      const want = complianceReport({ period, policy: DEFAULT_PATCH_POLICY, items: items.map(tracked), exceptions: EXCEPTIONS, assetIds: scope.map((asset) => asset.id) });

      expect(got.site.assets.measured).toBe(got.site.assets.inScope);
      expect(asReference(got.site.assets)).toEqual(want.assets);
      expect(got.site.missing).toEqual({ ...want.missing, security: expect.any(Number) });
      expect(got.site.breaches).toBe(want.breaches.length);
      expect(got.overdueByTier.map((row) => row.bands)).toEqual([1, 2, 3, 4].map((tier) => want.overdue.byTier[`${tier}` as '1']));
      expect(got.overdue.map((entry) => [entry.fix.record.id, entry.standing.overdueDays, entry.band])).toEqual(
        want.overdue.items.map((entry) => [items.indexOf(items.find((r) => r.assetId === entry.item.assetId && r.name === entry.item.name && r.firstSeenAt === entry.item.firstSeenAt) as FixRecord) + 1, entry.status.overdueDays, entry.band]),
      );
      expect(got.oldestSecurity ? [got.oldestSecurity.fix.record.firstSeenAt, got.oldestSecurity.fix.clockBasis, got.oldestSecurity.ageDays] : null).toEqual(want.oldestMissingSecurity ? [want.oldestMissingSecurity.firstSeenAt, want.oldestMissingSecurity.clockStart.basis, want.oldestMissingSecurity.ageDays] : null);
      expect(got.breaches.map((entry) => [entry.fix.record.firstSeenAt, entry.durationMs])).toEqual(want.breaches.map((entry) => [entry.item.firstSeenAt, entry.durationMs]));

      // Per tier: the domain report over that tier's assets alone.
      for (const row of got.tiers) {
        const ids = scope.filter((asset) => asset.tier === row.tier).map((asset) => asset.id);
        const own = complianceReport({ period, policy: DEFAULT_PATCH_POLICY, items: items.filter((r) => ids.includes(r.assetId)).map(tracked), exceptions: EXCEPTIONS, assetIds: ids });
        expect(asReference(row.figures.assets), `tier ${row.tier}`).toEqual(own.assets);
        expect({ ...row.figures.missing, security: 0 }).toEqual({ ...own.missing, security: 0 });
        expect(row.figures.breaches).toBe(own.breaches.length);
      }
    }
    // The data exercises every state, so the comparison is not vacuous.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });

  it('counts each asset once, in its own tier, and leaves out assets not known yet', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const base = { name: 'openssl', resolvedAt: null, security: true, severity: 'Critical', cves: [], advisories: [] };
    const fixes = [
      engine.prepare({ ...base, id: 1, assetId: 1, firstSeenAt: '2026-10-01T00:00:00.000Z' }, 1),
      engine.prepare({ ...base, id: 2, assetId: 1, name: 'curl', firstSeenAt: '2026-10-30T00:00:00.000Z', security: false, severity: 'low' }, 1),
      engine.prepare({ ...base, id: 3, assetId: 2, firstSeenAt: '2026-10-31T00:00:00.000Z' }, null),
    ];
    const scope: ScopeAsset[] = [
      { id: 1, tier: 1, knownSinceMs: 0 },
      { id: 2, tier: null, knownSinceMs: 0 },
      { id: 3, tier: 3, knownSinceMs: 0 },
      { id: 4, tier: 3, knownSinceMs: parseInstant('2026-12-01T00:00:00Z') },
    ];
    const got = evaluatePeriod(engine, fixes, scope, allMeasured(scope), { from: parseInstant('2026-10-01T00:00:00Z'), to: parseInstant('2026-11-01T00:00:00Z') }, { overdue: true, detail: true });
    expect(got.site.assets).toEqual({ inScope: 3, measured: 3, coverageShare: 1, fullyPatched: 1, fullyPatchedShare: 1 / 3, securityPatched: 1, securityPatchedShare: 1 / 3 });
    // Asset 1: openssl seen 1 Oct, tier 1 critical 7 days: due 8 Oct, 24 days overdue on 1 Nov; curl within.
    expect(got.site.missing).toEqual({ total: 3, within: 2, dueSoon: 0, overdue: 1, excepted: 0, withinSlaShare: 2 / 3, security: 2 });
    expect(got.tiers.map((row) => [row.tier, row.figures.assets.inScope, row.figures.missing.total])).toEqual([
      [1, 1, 2],
      [2, 0, 0],
      [3, 1, 0],
      [4, 0, 0],
      [null, 1, 1],
    ]);
    expect(got.overdue.map((entry) => [entry.fix.record.id, entry.standing.overdueDays, entry.band])).toEqual([[1, 24, '8-30']]);
    expect(got.oldestSecurity).toMatchObject({ fix: { record: { id: 1 } }, ageDays: 31 });
    expect(got.perAsset.get(1)).toMatchObject({ pending: 2, security: 1, overdue: 1, excepted: 0, oldest: { record: { id: 1 } } });
    expect(got.perAsset.has(4)).toBe(false);
    expect(got.breaches.map((entry) => [entry.fix.record.id, entry.durationMs / DAY])).toEqual([[1, 23]]);
  });

  it('gives zeros and null shares when there is nothing to count', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const got = evaluatePeriod(engine, [], [], new Set(), { from: 0, to: DAY });
    expect(got.site).toEqual({
      assets: { inScope: 0, measured: 0, coverageShare: null, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null },
      missing: { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0, withinSlaShare: null, security: 0 },
      overdueByBand: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 },
      breaches: 0,
    });
    expect(got.oldestSecurity).toBeNull();
    expect(got.tiers).toHaveLength(5);
  });

  it('counts only measured assets in the patched shares: 2 measured with gaps and 9 unmeasured is 0 of 2, not 82 %', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const base = { name: 'openssl', resolvedAt: null, security: true, severity: 'Critical', cves: [], advisories: [] };
    const fixes = [1, 2].flatMap((assetId) => Array.from({ length: 83 }, (_, i) => engine.prepare({ ...base, id: assetId * 100 + i, assetId, name: `fix-${i}`, firstSeenAt: '2026-10-20T00:00:00.000Z' }, 2)));
    const scope: ScopeAsset[] = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, tier: i < 2 ? 2 : 1, knownSinceMs: 0 }));
    const got = evaluatePeriod(engine, fixes, scope, new Set([1, 2]), { from: parseInstant('2026-10-01T00:00:00Z'), to: parseInstant('2026-11-01T00:00:00Z') });
    expect(got.site.assets).toEqual({ inScope: 11, measured: 2, coverageShare: 2 / 11, fullyPatched: 0, fullyPatchedShare: 0, securityPatched: 0, securityPatchedShare: 0 });
    // Tier 1: nine assets, none measured: "not measured" (null), never 100 %.
    const tier1 = got.tiers.find((row) => row.tier === 1)?.figures.assets;
    expect(tier1).toEqual({ inScope: 9, measured: 0, coverageShare: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null });
    expect(got.site.missing.total).toBe(166);
  });

  it('keeps the known missing fixes of an unmeasured asset in the fix counts, but not in the patched shares', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const fix = engine.prepare({ id: 1, assetId: 1, name: 'curl', firstSeenAt: '2026-10-02T00:00:00.000Z', resolvedAt: null, security: false, severity: 'low', cves: [], advisories: [] }, 3);
    const scope: ScopeAsset[] = [
      { id: 1, tier: 3, knownSinceMs: 0 },
      { id: 2, tier: 3, knownSinceMs: 0 },
    ];
    const got = evaluatePeriod(engine, [fix], scope, new Set([2]), { from: parseInstant('2026-10-01T00:00:00Z'), to: parseInstant('2026-11-01T00:00:00Z') });
    expect(got.site.assets).toMatchObject({ inScope: 2, measured: 1, fullyPatched: 1, fullyPatchedShare: 1 });
    expect(got.site.missing.total).toBe(1);
  });
});
