import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ComplianceDetail, ComplianceSummary } from '../../../shared/contract/compliance';
import type { HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

type Core = ReturnType<typeof openTestCore>;

const DEBIAN = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };
const CENTOS = { id: 'centos', name: 'CentOS Linux 7 (Core)', version: '7', build: '3.10.0-1160.el7.x86_64' };
const WINDOWS = { id: 'windows-server', name: 'Microsoft Windows Server 2022 Standard', version: '21H2', build: '10.0.20348.2340' };

const C1 = '2026-09-01T08:00:00.000Z';
const C2 = '2026-10-01T08:00:00.000Z';
const C3 = '2026-10-20T08:00:00.000Z';
const C4 = '2026-11-01T08:00:00.000Z';

function update(name: string, security: boolean, severity?: string, cves: string[] = []): PendingUpdateData {
  return { name, installedVersion: '1', availableVersion: '2', repository: 'security', security, cves, advisories: [], ...(severity ? { severity } : {}), kind: 'upgrade' };
}

function collection(at: string, os: HostCollection['os'], pending: PendingUpdateData[]): HostCollection {
  return { collectedAt: at, method: 'offline-file', platform: os.id.startsWith('windows') ? 'windows' : 'linux', hostname: '', os, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

function setClock(core: Core, iso: string): void {
  core.clock.advance(Date.parse(iso) - core.clock.now().getTime());
}

/**
 * A site in Berlin (summer time until 25 October) with six assets:
 * - web1, tier 1: openssl (high, 14 days) seen 1 Sep, fixed 20 Oct; curl (medium, 30 days) seen 1 Oct; bash (not security) seen 1 Nov.
 * - db1, tier 2: linux-image (critical, 14 days) seen 1 Sep, never fixed; an asset exception from 10 Sep to the end of 15 Oct.
 * - files, tier 3, CentOS 7 (past end of life): openssh-server (Important = high, 30 days) seen 1 Oct.
 * - kiosk, unclassified (held to tier 2), Windows: a critical cumulative update seen 20 Oct, covered by a CVE exception from 28 Oct to the end of 10 Nov.
 * - printer, tier 4: never collected.
 * - nas, tier 4: nothing missing on 1 Sep; its collection on 1 Nov failed.
 */
async function seededSite() {
  const core = openTestCore();
  setClock(core, '2026-08-25T09:00:00.000Z');
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const asset = (hostname: string, address: string) => call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname, addresses: [address] } });
  const web = await asset('web1', '10.0.0.1');
  const db = await asset('db1', '10.0.0.2');
  const files = await asset('files', '10.0.0.3');
  const kiosk = await asset('kiosk', '10.0.0.4');
  const printer = await asset('printer', '10.0.0.5');
  const nas = await asset('nas', '10.0.0.6');
  for (const [ids, tier] of [[[web.id], 1], [[db.id], 2], [[files.id], 3], [[printer.id, nas.id], 4]] as const) {
    await call(core, 'tiers:override', { action: 'set', assetIds: ids, tier, reason: 'agreed with the client' });
  }

  const store = (id: number, at: string, os: HostCollection['os'], pending: PendingUpdateData[]) => core.services.patchStatus.storeCollection(id, collection(at, os, pending), null);
  const openssl = update('openssl', true, 'high');
  const curl = update('curl', true, 'medium');
  const bash = update('bash', false);
  const kernel = update('linux-image-amd64', true, 'critical');
  const ssh = update('openssh-server', true, 'Important');
  const cumulative = { ...update('2026-10 Cumulative Update for Windows Server 2022 (KB5066782)', true, 'Critical', ['CVE-2026-4242']), kind: 'patch' as const };

  store(web.id, C1, DEBIAN, [openssl]);
  store(db.id, C1, DEBIAN, [kernel]);
  store(nas.id, C1, DEBIAN, []);
  setClock(core, '2026-09-10T10:00:00.000Z');
  const expiring = await call<{ id: number }>(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'asset', assetId: db.id }, reason: 'Kernel update needs the vendor appliance upgrade', owner: 'Ana', expiresAt: '2026-10-15' });
  store(web.id, C2, DEBIAN, [openssl, curl]);
  store(db.id, C2, DEBIAN, [kernel]);
  store(files.id, C2, CENTOS, [ssh]);
  store(web.id, C3, DEBIAN, [curl]);
  store(db.id, C3, DEBIAN, [kernel]);
  store(files.id, C3, CENTOS, [ssh]);
  store(kiosk.id, C3, WINDOWS, [cumulative]);
  setClock(core, '2026-10-28T09:00:00.000Z');
  const cve = await call<{ id: number }>(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'cve', value: 'CVE-2026-4242' }, reason: 'The update breaks the kiosk app; vendor fix due', owner: 'Ben', expiresAt: '2026-11-10' });
  store(web.id, C4, DEBIAN, [curl, bash]);
  store(db.id, C4, DEBIAN, [kernel]);
  store(files.id, C4, CENTOS, [ssh]);
  store(kiosk.id, C4, WINDOWS, [cumulative]);
  new PatchStatusRepository(core.db).recordFailure(nas.id, null, C4, 'ssh', 'timeout', '10.0.0.6: no answer within 10 s');
  setClock(core, '2026-11-02T09:00:00.000Z');
  return { core, site, web, db, files, kiosk, printer, nas, exceptionIds: { expiring: expiring.id, cve: cve.id } };
}

describe('ComplianceService', () => {
  it('summarises the last 30 days: figures, tiers, overdue fixes, gaps, end of life and exceptions', async () => {
    const { core, site, web, db, files, kiosk, printer, nas, exceptionIds } = await seededSite();
    const summary = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });

    expect(summary.period).toEqual({ from: '2026-10-03T22:00:00.000Z', to: '2026-11-02T09:00:00.000Z', fromDate: '2026-10-04', toDate: '2026-11-02', timeZone: 'Europe/Berlin' });
    // Missing now: curl (due 31 Oct, 2 days overdue), bash (within), linux-image (due 15 Sep, 48 days
    // overdue: its exception expired on 15 Oct), openssh-server (due 31 Oct), the Windows update (excepted).
    expect(summary.site).toEqual({
      // Measured on 2 Nov (a success within 7 days): web1, db1, files and kiosk, all missing something;
      // printer was never collected and nas's last success (1 Sep) is stale and its latest collection failed.
      assets: { inScope: 6, measured: 4, coverageShare: 4 / 6, fullyPatched: 0, fullyPatchedShare: 0, securityPatched: 0, securityPatchedShare: 0 },
      missing: { total: 5, within: 1, dueSoon: 0, overdue: 3, excepted: 1, withinSlaShare: 2 / 5, security: 4 },
      overdueByBand: { '0-7': 2, '8-30': 0, '31-90': 1, '90+': 0 },
      // openssl until its fix on 20 Oct, curl and openssh-server since 1 Nov, linux-image since its exception expired.
      breaches: 4,
    });
    expect(summary.tiers.map((row) => [row.tier, row.figures.assets.inScope, row.figures.assets.measured, row.figures.assets.fullyPatched, row.figures.assets.fullyPatchedShare, row.figures.missing.total, row.figures.missing.overdue, row.figures.missing.excepted, row.figures.breaches])).toEqual([
      [1, 1, 1, 0, 0, 2, 1, 0, 2],
      [2, 1, 1, 0, 0, 1, 1, 0, 1],
      [3, 1, 1, 0, 0, 1, 1, 0, 1],
      // Tier 4: nothing measured is "not measured" (null), not 100 %.
      [4, 2, 0, 0, null, 0, 0, 0, 0],
      [null, 1, 1, 0, 0, 1, 0, 1, 0],
    ]);
    expect(summary.overdueByTier.map((row) => [row.tier, row.bands, row.total])).toEqual([
      [1, { '0-7': 1, '8-30': 0, '31-90': 0, '90+': 0 }, 1],
      [2, { '0-7': 0, '8-30': 0, '31-90': 1, '90+': 0 }, 1],
      [3, { '0-7': 1, '8-30': 0, '31-90': 0, '90+': 0 }, 1],
      [4, { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 }, 0],
    ]);
    expect(summary.oldestMissingSecurity).toEqual({ assetId: db.id, assetName: 'db1', updateName: 'linux-image-amd64', firstSeenAt: C1, clockStartAt: C1, clockBasis: 'first_seen', ageDays: 62 });
    expect(summary.overdue.total).toBe(3);
    expect(summary.overdue.items.map((item) => [item.assetName, item.updateName, item.tier, item.severity, item.dueDate, item.overdueDays, item.band])).toEqual([
      ['db1', 'linux-image-amd64', 2, 'critical', '2026-09-15', 48, '31-90'],
      ['web1', 'curl', 1, 'medium', '2026-10-31', 2, '0-7'],
      ['files', 'openssh-server', 3, 'high', '2026-10-31', 2, '0-7'],
    ]);
    expect(summary.freshnessDays).toBe(7);
    expect(summary.coverageGaps).toEqual({
      total: 2,
      items: [
        { assetId: printer.id, assetName: 'printer', tier: 4, reason: 'never_collected', lastSuccessAt: null, staleSince: null, failure: null },
        { assetId: nas.id, assetName: 'nas', tier: 4, reason: 'last_failed', lastSuccessAt: C1, staleSince: '2026-09-08T08:00:00.000Z', failure: { at: C4, errorCode: 'timeout', message: '10.0.0.6: no answer within 10 s' } },
      ],
    });
    expect(summary.unsupportedOs.items).toEqual([{ assetId: files.id, assetName: 'files', tier: 3, osName: CENTOS.name, osVersion: '7', eolDate: '2024-06-30', source: expect.any(String), osSource: 'collection' }]);
    expect(summary.exceptions).toMatchObject({
      byStatus: { active: 0, expiring_soon: 1, expired: 1, closed: 0, renewed: 0, scheduled: 0 },
      active: 1,
      expiringSoon: { total: 1, items: [{ id: exceptionIds.cve, lastDay: '2026-11-10', daysLeft: 8, owner: 'Ben', scope: { kind: 'cve', value: 'CVE-2026-4242' } }] },
      expired: { total: 1, items: [{ id: exceptionIds.expiring, assetName: 'db1', lastDay: '2026-10-15', daysLeft: -18, expiresAt: '2026-10-15T22:00:00.000Z' }] },
      expiredDuringPeriod: 1,
    });
    expect(summary.lateChecklistItems).toEqual([]);
    expect([web.id, kiosk.id].every((id) => id > 0)).toBe(true);
    await core.close();
  });

  it('draws a twelve-month trend, each month measured at its end', async () => {
    const { core, site } = await seededSite();
    const { trend } = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(trend.map((point) => point.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    // The assets were added on 25 August: before that the site had nothing to measure.
    expect(trend[6]).toMatchObject({ month: '2026-06', assets: 0, fullyPatchedShare: null, withinSlaShare: null, missing: 0, breaches: 0 });
    // Each point counts as measured only the assets collected within 7 days before it: none at the
    // ends of August (first collection 1 Sep), September (last 1 Sep) and October (last 20 Oct).
    expect(trend.slice(8).map((point) => [point.month, point.to, point.assets, point.measured, point.fullyPatchedShare, point.withinSlaShare, point.missing, point.overdue, point.securityMissing, point.breaches])).toEqual([
      ['2026-08', '2026-08-31T22:00:00.000Z', 6, 0, null, null, 0, 0, 0, 0],
      // End of September: openssl overdue since 16 Sep, linux-image covered by its exception; only openssl was in breach.
      ['2026-09', '2026-09-30T22:00:00.000Z', 6, 0, null, 1 / 2, 2, 1, 2, 1],
      // End of October: curl and openssh-server became overdue at that very instant, linux-image since 16 Oct;
      // in breach during October: openssl (until 20 Oct) and linux-image (after its exception).
      ['2026-10', '2026-10-31T23:00:00.000Z', 6, 0, null, 1 / 4, 4, 3, 4, 2],
      ['2026-11', '2026-11-02T09:00:00.000Z', 6, 4, 0, 2 / 5, 5, 3, 4, 3],
    ]);
    await core.close();
  });

  it('reports a period in full for the evidence pack', async () => {
    const { core, site, web, db, printer, nas, files, kiosk } = await seededSite();
    const report = await call<ComplianceDetail>(core, 'compliance:report', { siteId: site.id, from: '2026-10-01', to: '2026-10-31' });
    expect(report.period).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', fromDate: '2026-10-01', toDate: '2026-10-31' });
    expect(report.site.missing).toMatchObject({ total: 4, overdue: 3, excepted: 1 });
    expect(report.breaches.map((row) => [row.assetName, row.updateName, row.intervals, Math.round(row.breachDays * 100) / 100, row.resolvedAt])).toEqual([
      ['web1', 'openssl', [{ from: '2026-09-30T22:00:00.000Z', to: '2026-10-20T08:00:00.000Z' }], 19.42, '2026-10-20T08:00:00.000Z'],
      ['db1', 'linux-image-amd64', [{ from: '2026-10-15T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' }], 16.04, null],
    ]);
    expect(report.assets.map((row) => [row.assetName, row.tier, row.pending, row.securityPending, row.overdue, row.excepted, row.oldestMissing?.updateName ?? null, row.oldestMissing?.ageDays ?? null, row.lastCollection?.outcome ?? null, row.endOfLife?.unsupported ?? null])).toEqual([
      ['web1', 1, 1, 1, 1, 0, 'curl', 31, 'ok', false],
      ['db1', 2, 1, 1, 1, 0, 'linux-image-amd64', 61, 'ok', false],
      ['files', 3, 1, 1, 1, 0, 'openssh-server', 31, 'ok', true],
      ['nas', 4, 0, 0, 0, 0, null, null, 'ok', false],
      ['printer', 4, 0, 0, 0, 0, null, null, null, null],
      ['kiosk', null, 1, 1, 0, 1, '2026-10 Cumulative Update for Windows Server 2022 (KB5066782)', 12, 'ok', false],
    ]);
    // On 31 October the NAS had not failed yet; its failure on 1 November is outside the period.
    expect(report.failuresInPeriod).toEqual([]);
    // At the end of October every success was older than 7 days: all stale but the printer, never collected.
    expect(report.coverageGaps.items.map((item) => [item.assetId, item.reason])).toEqual([[printer.id, 'never_collected'], [web.id, 'stale'], [db.id, 'stale'], [files.id, 'stale'], [nas.id, 'stale'], [kiosk.id, 'stale']]);
    expect(report.site.assets).toMatchObject({ inScope: 6, measured: 0, fullyPatchedShare: null, securityPatchedShare: null });
    expect(report.assets.map((row) => row.measured)).toEqual([false, false, false, false, false, false]);
    expect(report.overdue.items.map((item) => item.assetId)).toEqual([db.id, web.id, files.id]);
    expect(report.exceptions.byStatus).toMatchObject({ expired: 1, expiring_soon: 1 });

    const november = await call<ComplianceDetail>(core, 'compliance:report', { siteId: site.id, from: '2026-11-01', to: '2026-11-01' });
    expect(november.failuresInPeriod).toEqual([{ assetId: nas.id, assetName: 'nas', tier: 4, at: C4, errorCode: 'timeout', message: '10.0.0.6: no answer within 10 s', lastSuccessAt: C1 }]);
    expect([web.id, kiosk.id].length).toBe(2);
    await core.close();
  });

  it('gives a clean summary for an empty site and for a period with no data', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Empty' });
    const summary = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(summary.site).toEqual({
      assets: { inScope: 0, measured: 0, coverageShare: null, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null },
      missing: { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0, withinSlaShare: null, security: 0 },
      overdueByBand: { '0-7': 0, '8-30': 0, '31-90': 0, '90+': 0 },
      breaches: 0,
    });
    expect(summary.tiers).toHaveLength(5);
    expect(summary.trend).toHaveLength(12);
    expect(summary.trend.every((point) => point.assets === 0 && point.fullyPatchedShare === null)).toBe(true);
    expect(summary.oldestMissingSecurity).toBeNull();
    expect(summary.overdue).toEqual({ total: 0, items: [] });
    expect(summary.coverageGaps).toEqual({ total: 0, items: [] });
    expect(summary.exceptions.expired).toEqual({ total: 0, items: [] });

    await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'lonely' } });
    const old = await call<ComplianceDetail>(core, 'compliance:report', { siteId: site.id, from: '2020-01-01', to: '2020-01-31' });
    expect(old.site.assets.inScope).toBe(0);
    expect(old.assets).toEqual([]);
    const now = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    // Never collected: in scope, not measured, never "fully patched".
    expect(now.site.assets).toMatchObject({ inScope: 1, measured: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatchedShare: null });
    expect(now.coverageGaps.items).toEqual([expect.objectContaining({ assetName: 'lonely', reason: 'never_collected' })]);
    await core.close();
  });

  it('refuses an unknown site and a period that ends before it starts, saying what is wrong', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    expect(await core.dispatcher.invoke('compliance:summary', { siteId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'site 999 does not exist' } });
    expect(await core.dispatcher.invoke('compliance:report', { siteId: site.id, from: '2026-10-31', to: '2026-10-01' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('must end after it starts'), issues: [{ path: 'to' }] } });
    expect(await core.dispatcher.invoke('compliance:summary', { siteId: site.id, from: '31/10/2026' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'from', message: expect.stringContaining('"31/10/2026" is not a day (YYYY-MM-DD)') }] } });
    expect(await core.dispatcher.invoke('compliance:report', { siteId: site.id, from: '2026-10-01' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'to' }] } });
    await core.close();
  });

  it('recomputes cached months when the data behind them changes, and only then', async () => {
    const { core, site, nas, db } = await seededSite();
    const before = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id })).toEqual(before);

    // An offline file collected in September changes September: nas is measured at its end (an
    // offline import counts as a collection), and missing zlib1g, so 0 of 1 measured is patched.
    core.services.patchStatus.storeCollection(nas.id, collection('2026-09-28T08:00:00.000Z', DEBIAN, [update('zlib1g', true, 'high')]), null);
    const backfilled = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(backfilled.trend.slice(0, 9)).toEqual(before.trend.slice(0, 9));
    expect(backfilled.trend[9]).toMatchObject({ month: '2026-09', missing: 3, measured: 1, fullyPatchedShare: 0 });

    // A collection taken now changes only the current month.
    core.services.patchStatus.storeCollection(nas.id, collection('2026-11-02T08:00:00.000Z', DEBIAN, [update('zlib1g', true, 'high'), update('sudo', true, 'high')]), null);
    const later = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(later.trend.slice(0, 11)).toEqual(backfilled.trend.slice(0, 11));
    expect(later.trend[11]?.missing).toBe(7);

    // A policy change moves every due date: openssl (high, tier 1) gets 60 days instead of 14, so
    // it was never overdue in September.
    const policy = await call<{ slaDays: Record<string, Record<string, number>> }>(core, 'policy:get', { siteId: site.id });
    await call(core, 'policy:update', { siteId: site.id, policy: { ...policy, slaDays: { ...policy.slaDays, '1': { ...policy.slaDays['1'], high: 60 } } } });
    const relaxed = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(relaxed.trend[9]).toMatchObject({ month: '2026-09', overdue: 0, breaches: 0 });
    expect(relaxed.overdue.items.find((item) => item.assetId === db.id)).toMatchObject({ dueDate: '2026-09-15', overdueDays: 48 });
    await core.close();
  });

  it('lists late checklist items of open cycles on the dashboard', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
    await call(core, 'cycles:openBaseline', { siteId: site.id, month: '2026-10' });
    const summary = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id });
    expect(summary.lateChecklistItems.length).toBeGreaterThan(0);
    expect(summary.lateChecklistItems[0]).toMatchObject({ cycleKind: 'baseline', key: 'inventory-refresh', title: 'Inventory refreshed' });
    await core.close();
  });
});
