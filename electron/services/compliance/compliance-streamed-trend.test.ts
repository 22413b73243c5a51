/**
 * The compliance service reads the fixes of a period and its trend months once, one row at a
 * time, and folds each into every month's figures as it comes. This checks, on random
 * histories, that its figures are exactly those of the former reading: every fix of the whole
 * range read and prepared at once, and `evaluatePeriod` run over all of them for the period and
 * for each month.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { measuredBySuccesses } from '../../../shared/domain/coverage';
import { evaluatePeriod } from '../../../shared/domain/sla/period-figures';
import { exceptionsAffecting, needsFixLists, SlaEngine } from '../../../shared/domain/sla/sla-engine';
import { ComplianceRepository } from '../../db/repositories/compliance.repository';
import { ExceptionsRepository } from '../../db/repositories/exceptions.repository';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { resolvePeriod, trendMonths } from './period';
import { SiteSlaClock } from './site-sla-clock';

afterEach(removeTempDirs);

const DAY = 86_400_000;

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const POOL: PendingUpdateData[] = [
  ['openssl', true, 'high', ['CVE-2026-0001']],
  ['curl', true, 'medium', []],
  ['bash', false, undefined, []],
  ['linux-image-amd64', true, 'critical', ['CVE-2026-0002']],
  ['openssh-server', true, 'Important', []],
  ['sudo', true, 'low', ['CVE-2026-0003']],
  ['tzdata', null, undefined, []],
  ['2026-10 Cumulative Update for Windows Server 2022 (KB5066782)', true, 'Critical', ['CVE-2026-4242']],
].map(([name, security, severity, cves], index) => ({
  name: name as string,
  installedVersion: '1',
  availableVersion: '2',
  repository: 'security',
  security: security as boolean | null,
  cves: cves as string[],
  advisories: [],
  ...(severity ? { severity: severity as string } : {}),
  kind: 'upgrade' as const,
  // Some sources give a publication date, some do not.
  ...(index % 3 === 0 ? { publishedAt: `2025-0${(index % 9) + 1}-15T00:00:00.000Z`, publishedBasis: 'published' as const } : {}),
}));

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  const os = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0' };
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

async function randomSite(seed: number) {
  const next = random(seed);
  const core = openTestCore();
  core.clock.advance(Date.parse('2025-06-01T09:00:00.000Z') - core.clock.now().getTime());
  const site = await call<Site>(core, 'sites:create', { name: `Random ${seed}`, timezone: 'Europe/Berlin' });
  const assets: Asset[] = [];
  for (let index = 0; index < 10; index++) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: `host${index}`, addresses: [`10.0.0.${index + 1}`] } });
    if (index % 5 !== 4) await call(core, 'tiers:override', { action: 'set', assetIds: [asset.id], tier: (index % 4) + 1, reason: 'test' });
    assets.push(asset);
  }
  const status = new PatchStatusRepository(core.db);
  // Seventeen months of collections every 5 to 20 days; each missing fix appears and goes at random.
  const missing = new Map(assets.map((asset) => [asset.id, new Set<number>()]));
  for (let at = Date.parse('2025-06-02T08:00:00.000Z'); at < Date.parse('2026-11-02T08:00:00.000Z'); at += (5 + Math.floor(next() * 15)) * DAY) {
    for (const asset of assets) {
      if (next() < 0.15) continue;
      const when = new Date(at + Math.floor(next() * 8) * 3_600_000).toISOString();
      if (next() < 0.05) {
        status.recordFailure(asset.id, null, when, 'ssh', 'timeout', 'no answer');
        continue;
      }
      const set = missing.get(asset.id) as Set<number>;
      for (let index = 0; index < POOL.length; index++) {
        if (set.has(index) ? next() < 0.3 : next() < 0.12) {
          if (set.has(index)) set.delete(index);
          else set.add(index);
        }
      }
      core.services.patchStatus.storeCollection(asset.id, collection(when, [...set].map((index) => POOL[index] as PendingUpdateData)), null);
    }
    if (next() < 0.08) {
      core.clock.advance(at - core.clock.now().getTime());
      const expires = new Date(at + (10 + Math.floor(next() * 60)) * DAY).toISOString().slice(0, 10);
      const scope = next() < 0.5 ? { kind: 'asset', assetId: assets[Math.floor(next() * assets.length)]?.id ?? null, value: '' } : { kind: 'cve', assetId: null, value: `CVE-2026-000${1 + Math.floor(next() * 3)}` };
      await call(core, 'exceptions:create', { siteId: site.id, scope, reason: 'random', owner: 'Ana', expiresAt: expires });
    }
  }
  // An offline file from before the asset was added, imported last: only its fixes say since
  // when the asset is known (its first collection by insertion is a later one).
  core.services.patchStatus.storeCollection((assets[0] as Asset).id, collection('2025-05-15T08:00:00.000Z', [POOL[0] as PendingUpdateData, POOL[3] as PendingUpdateData]), null);
  core.clock.advance(Date.parse('2026-11-02T09:00:00.000Z') - core.clock.now().getTime());
  return { core, site };
}

const MARGIN = DAY;

/** The former load: every fix of the range read at once, the scope from them, then evaluatePeriod per period. */
function formerFigures(core: ReturnType<typeof openTestCore>, siteId: number, request: { from: string; to: string }) {
  const repository = new ComplianceRepository(core.db);
  const context = new SiteSlaClock({ sites: core.services.sites, exceptions: new ExceptionsRepository(core.db), compliance: repository }).context(siteId);
  const period = resolvePeriod(request, context.timeZone, core.clock.now().getTime());
  const months = trendMonths(period.toMs, context.timeZone);
  const fromMs = Math.min(period.fromMs, ...months.map((month) => month.fromMs));
  const assets = repository.scopeAssets(siteId);
  const tiers = new Map(assets.map((asset) => [asset.id, asset.tier]));
  const exceptions = exceptionsAffecting(context.exceptions, fromMs, period.toMs);
  const engine = new SlaEngine(context.policy, context.timeZone, exceptions);
  const fixes = repository
    .fixesOverlapping(siteId, new Date(fromMs - MARGIN).toISOString(), new Date(period.toMs + MARGIN).toISOString(), { withLists: needsFixLists(exceptions) })
    .filter((row) => tiers.has(row.assetId))
    .map((row) => engine.prepare(row, tiers.get(row.assetId) ?? null));
  const known = new Map<number, number>();
  for (const asset of assets) known.set(asset.id, Math.min(Date.parse(asset.createdAt), asset.firstCollectedAt === null ? Infinity : Date.parse(asset.firstCollectedAt)));
  for (const fix of fixes) if (fix.firstSeenMs < (known.get(fix.record.assetId) ?? Infinity)) known.set(fix.record.assetId, fix.firstSeenMs);
  const scope = assets.map((asset) => ({ id: asset.id, tier: asset.tier, knownSinceMs: known.get(asset.id) ?? Infinity }));
  const freshness = context.policy.freshnessDays;
  const successes = repository.successesBetween(siteId, new Date(fromMs - freshness * DAY - MARGIN).toISOString(), new Date(period.toMs + MARGIN).toISOString());
  const measuredAt = (atMs: number) => new Set(assets.filter((asset) => measuredBySuccesses(successes.get(asset.id) ?? [], atMs, freshness)).map((asset) => asset.id));
  return {
    period: evaluatePeriod(engine, fixes, scope, measuredAt(period.toMs), { from: period.fromMs, to: period.toMs }, { overdue: true, detail: true }),
    months: months.map((month) => evaluatePeriod(engine, fixes, scope, measuredAt(month.toMs), { from: month.fromMs, to: month.toMs })),
  };
}

describe('ComplianceService, one pass over the fixes', () => {
  it.each([1, 2, 3, 4])('gives the figures of the whole-range reading on random history %i', async (seed) => {
    const { core, site } = await randomSite(seed);
    for (const request of [{ from: '2026-10-01', to: '2026-10-31' }, { from: '2026-03-10', to: '2026-05-20' }, { from: '2025-07-01', to: '2025-07-31' }]) {
      const report = core.services.compliance.report(site.id, request);
      const former = formerFigures(core, site.id, request);
      expect(report.trend.map((point) => [point.assets, point.measured, point.fullyPatchedShare, point.withinSlaShare, point.missing, point.overdue, point.securityMissing, point.breaches])).toEqual(
        former.months.map(({ site: figures }) => [figures.assets.inScope, figures.assets.measured, figures.assets.fullyPatchedShare, figures.missing.withinSlaShare, figures.missing.total, figures.missing.overdue, figures.missing.security, figures.breaches]),
      );
      expect(report.trend.some((point) => point.missing > 0 && point.breaches > 0)).toBe(true);
      expect(report.site).toEqual(former.period.site);
      expect(report.tiers).toEqual(former.period.tiers);
      expect(report.overdueByTier).toEqual(former.period.overdueByTier);
      expect(report.overdue.items.map((item) => [item.assetId, item.updateName, item.overdueDays])).toEqual(former.period.overdue.map((entry) => [entry.fix.record.assetId, entry.fix.record.name, entry.standing.overdueDays]));
      expect(report.breaches.map((breach) => [breach.assetId, breach.updateName])).toEqual(former.period.breaches.map((entry) => [entry.fix.record.assetId, entry.fix.record.name]));
      const perAsset = former.period.perAsset;
      expect(report.assets.map((asset) => [asset.assetId, asset.pending, asset.securityPending, asset.overdue, asset.excepted])).toEqual(
        report.assets.map((asset) => {
          const standing = perAsset.get(asset.assetId);
          return [asset.assetId, standing?.pending ?? 0, standing?.security ?? 0, standing?.overdue ?? 0, standing?.excepted ?? 0];
        }),
      );
    }
    await core.close();
  });
});
