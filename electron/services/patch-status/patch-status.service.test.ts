import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { AssetPatchDetail, FleetStatus, HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { DEFAULT_PATCH_POLICY } from '../../../shared/domain/patch-policy';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { endOfLifeOf } from './patch-status.service';

afterEach(removeTempDirs);

const DEBIAN = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };

function update(name: string, security: boolean | null, severity?: string, cves: string[] = []): PendingUpdateData {
  return { name, installedVersion: '1', availableVersion: '2', repository: 'security', security, cves, advisories: [], ...(severity ? { severity } : {}), kind: 'upgrade' };
}

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os: DEBIAN, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1' } });
  const lab = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'lab' } });
  await call(core, 'tiers:override', { action: 'set', assetIds: [web.id], tier: 1, reason: 'internet-facing' });
  // web1, tier 1: openssl (critical, 7 days) seen 20 Oct, curl (medium, 30 days) seen 30 Oct, a CVE-excepted
  // libssh (high, 14 days) seen 1 Oct. lab, unclassified (tier 2): bash with no severity (low, 90 days).
  core.services.patchStatus.storeCollection(web.id, collection('2026-10-01T08:00:00.000Z', [update('libssh-4', true, 'high', ['CVE-2026-7777'])]), null);
  core.services.patchStatus.storeCollection(web.id, collection('2026-10-20T08:00:00.000Z', [update('libssh-4', true, 'high', ['CVE-2026-7777']), update('openssl', true, 'critical')]), null);
  core.services.patchStatus.storeCollection(web.id, collection('2026-10-30T08:00:00.000Z', [update('libssh-4', true, 'high', ['CVE-2026-7777']), update('openssl', true, 'critical'), update('curl', true, 'medium')]), null);
  core.services.patchStatus.storeCollection(lab.id, collection('2026-10-30T08:00:00.000Z', [update('bash', null)]), null);
  const exception = await call<{ id: number }>(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'cve', value: 'CVE-2026-7777' }, reason: 'Mitigated by the WAF', owner: 'Ana', expiresAt: '2026-12-01' });
  return { core, site, web, lab, exceptionId: exception.id };
}

describe('PatchStatusService SLA clocks', () => {
  it('gives each missing update of an asset its due date and standing', async () => {
    const { core, web, lab, exceptionId } = await setup();
    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id });
    expect(detail.pending.map((row) => [row.name, row.ageDays, row.sla])).toEqual([
      ['libssh-4', 32, { state: 'excepted', dueDate: '2026-10-15', overdueDays: 18, remainingDays: 0, severity: 'high', tier: 1, tierDefaulted: false, exceptionId, clockStartDate: '2026-10-01', clockBasis: 'first_seen', deadlineRule: 'policy' }],
      ['openssl', 13, { state: 'overdue', dueDate: '2026-10-27', overdueDays: 6, remainingDays: 0, severity: 'critical', tier: 1, tierDefaulted: false, exceptionId: null, clockStartDate: '2026-10-20', clockBasis: 'first_seen', deadlineRule: 'policy' }],
      ['curl', 3, { state: 'within', dueDate: '2026-11-29', overdueDays: 0, remainingDays: 27, severity: 'medium', tier: 1, tierDefaulted: false, exceptionId: null, clockStartDate: '2026-10-30', clockBasis: 'first_seen', deadlineRule: 'policy' }],
    ]);
    expect(detail.status).toMatchObject({ pendingCount: 3, securityCount: 3, overdue: 1, excepted: 1 });

    const unclassified = await call<AssetPatchDetail>(core, 'status:asset', { assetId: lab.id });
    expect(unclassified.pending[0]?.sla).toMatchObject({ state: 'within', dueDate: '2027-01-28', overdueDays: 0, remainingDays: 87, severity: 'low', tier: 2, tierDefaulted: true, exceptionId: null, clockBasis: 'first_seen' });
    await core.close();
  });

  it('counts overdue and excepted fixes per asset in the fleet overview, as the detail does', async () => {
    const { core, site, web, lab } = await setup();
    const fleet = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    const rows = new Map(fleet.assets.map((row) => [row.assetId, row]));
    expect(rows.get(web.id)).toMatchObject({ pendingCount: 3, overdue: 1, excepted: 1 });
    expect(rows.get(lab.id)).toMatchObject({ pendingCount: 1, overdue: 0, excepted: 0 });

    // Once the exception is over, the libssh fix is overdue again on its own.
    core.clock.advance(30 * 86_400_000);
    const later = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    expect(later.assets.find((row) => row.assetId === web.id)).toMatchObject({ overdue: 3, excepted: 0 });
    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id });
    expect(detail.pending.map((row) => row.sla?.state)).toEqual(['overdue', 'overdue', 'overdue']);
    await core.close();
  });

  it('refuses the fleet of an unknown site', async () => {
    const core = openTestCore();
    expect(await core.dispatcher.invoke('status:fleet', { siteId: 42 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await core.close();
  });
});

describe('endOfLifeOf', () => {
  it('looks up a collected OS on a day, and knows nothing without one', () => {
    const table = { updated: '2026-11-01', entries: [{ id: 'debian', version: '11', name: 'Debian 11', eol: '2026-08-31', source: 'debian.org' }] };
    const inventory = { osName: '', osVersion: '' };
    expect(endOfLifeOf(table, { id: 'debian', version: '11', build: '' }, inventory, '2026-08-31')).toEqual({ date: '2026-08-31', unsupported: false, source: 'debian.org', osSource: 'collection' });
    expect(endOfLifeOf(table, { id: 'debian', version: '11', build: '' }, inventory, '2026-09-01')).toMatchObject({ unsupported: true });
    expect(endOfLifeOf(table, { id: 'debian', version: '12', build: '' }, inventory, '2026-09-01')).toBeNull();
    expect(endOfLifeOf(table, null, inventory, '2026-09-01')).toBeNull();
    // Known from the inventory only, and marked so; a collected OS wins over the inventory's.
    expect(endOfLifeOf(table, null, { osName: 'Debian GNU/Linux', osVersion: '11' }, '2026-09-01')).toMatchObject({ unsupported: true, osSource: 'inventory' });
    expect(endOfLifeOf(table, { id: 'debian', version: '12', build: '' }, { osName: 'Debian GNU/Linux', osVersion: '11' }, '2026-09-01')).toBeNull();
    expect(DEFAULT_PATCH_POLICY.slaDays['1'].critical).toBe(7);
  });
});

describe('PatchStatusService publication dates', () => {
  it('stores a fix publication at collection, adds one a later collection learns, and keeps the earliest', async () => {
    const { core, web } = await setup();
    const dated = (name: string, at: string, basis: 'published' | 'repository_date'): PendingUpdateData => ({ ...update(name, true, 'critical'), publishedAt: at, publishedBasis: basis });
    const open = () => core.services.patchStatus.detail(web.id).pending.find((row) => row.name === 'curl');
    // curl was first seen 30 Oct without a date; this collection learns its Release file date.
    core.services.patchStatus.storeCollection(web.id, collection('2026-10-31T08:00:00.000Z', [dated('curl', '2026-09-01T00:00:00.000Z', 'repository_date')]), null);
    expect(open()).toMatchObject({ firstSeenAt: '2026-10-30T08:00:00.000Z', publishedAt: '2026-09-01T00:00:00.000Z', publishedBasis: 'repository_date' });
    // A later, newer candidate dated later does not make the missing fix younger; an earlier date wins.
    core.services.patchStatus.storeCollection(web.id, collection('2026-11-01T08:00:00.000Z', [dated('curl', '2026-10-15T00:00:00.000Z', 'published')]), null);
    expect(open()).toMatchObject({ publishedAt: '2026-09-01T00:00:00.000Z', publishedBasis: 'repository_date' });
    core.services.patchStatus.storeCollection(web.id, collection('2026-11-02T08:00:00.000Z', [dated('curl', '2026-08-20T00:00:00.000Z', 'published')]), null);
    expect(open()).toMatchObject({ publishedAt: '2026-08-20T00:00:00.000Z', publishedBasis: 'published', sla: { clockBasis: 'published', clockStartDate: '2026-08-20', state: 'overdue' } });
    // A collection without a date keeps the one known.
    core.services.patchStatus.storeCollection(web.id, collection('2026-11-02T08:30:00.000Z', [update('curl', true, 'critical')]), null);
    expect(open()).toMatchObject({ publishedAt: '2026-08-20T00:00:00.000Z', publishedBasis: 'published' });
    await core.close();
  });
});
