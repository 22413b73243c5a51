import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { ComplianceRepository } from './compliance.repository';
import { PatchStatusRepository } from './patch-status.repository';
import { writeTransaction } from '../write-transaction';

afterEach(removeTempDirs);

const OS = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };

function update(name: string, cves: string[] = [], advisories: string[] = []): PendingUpdateData {
  return { name, installedVersion: '1', availableVersion: '2', repository: 'security', security: true, cves, advisories, severity: 'high', kind: 'upgrade' };
}

function collection(at: string, pending: PendingUpdateData[], os: HostCollection['os'] = OS): HostCollection {
  return { collectedAt: at, method: 'ssh', platform: 'linux', hostname: '', os, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
  const other = await call<Site>(core, 'sites:create', { name: 'Other' });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.0.0.1'] } });
  const bare = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { addresses: ['10.0.0.2', '10.0.0.9'] } });
  const gone = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'gone' } });
  const elsewhere = await call<Asset>(core, 'assets:create', { siteId: other.id, fields: { hostname: 'elsewhere' } });
  await call(core, 'tiers:override', { action: 'set', assetIds: [web.id], tier: 1, reason: 'internet-facing' });
  const patchStatus = new PatchStatusRepository(core.db);
  const store = (assetId: number, data: HostCollection) => writeTransaction(core.db, () => patchStatus.recordSuccess(assetId, null, data));
  store(web.id, collection('2026-10-01T08:00:00.000Z', [update('openssl', ['CVE-2026-1'], ['DSA-1']), update('curl')]));
  store(web.id, collection('2026-10-10T08:00:00.000Z', [update('curl')], { ...OS, version: '12.7' }));
  patchStatus.recordFailure(web.id, null, '2026-10-20T08:00:00.000Z', 'ssh', 'auth_failed', 'ops@10.0.0.1:22 refused the key');
  store(gone.id, collection('2026-10-01T08:00:00.000Z', [update('bash')]));
  store(elsewhere.id, collection('2026-10-01T08:00:00.000Z', [update('zsh')]));
  await call(core, 'assets:retire', { ids: [gone.id], reason: 'decommissioned' });
  return { core, site, web, bare, gone, patchStatus, repository: new ComplianceRepository(core.db) };
}

describe('ComplianceRepository', () => {
  it('lists the active assets with a name, their tier and first collection', async () => {
    const { core, site, web, bare, repository } = await setup();
    expect(repository.scopeAssets(site.id)).toEqual([
      { id: web.id, name: 'web1', address: '10.0.0.1', tier: 1, osName: '', osVersion: '', createdAt: '2026-11-02T09:00:00.000Z', firstCollectedAt: '2026-10-01T08:00:00.000Z' },
      { id: bare.id, name: '10.0.0.2', address: '10.0.0.2', tier: null, osName: '', osVersion: '', createdAt: '2026-11-02T09:00:00.000Z', firstCollectedAt: null },
    ]);
    await core.close();
  });

  it('finds the fixes missing at some time of a period, of active assets only', async () => {
    const { core, site, web, repository } = await setup();
    const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
    expect(names(repository.fixesOverlapping(site.id, '2026-10-05T00:00:00.000Z', '2026-11-01T00:00:00.000Z'))).toEqual(['curl', 'openssl']);
    // openssl was resolved by the collection of 10 October: not missing after that instant.
    expect(names(repository.fixesOverlapping(site.id, '2026-10-10T08:00:00.000Z', '2026-11-01T00:00:00.000Z'))).toEqual(['curl']);
    expect(names(repository.fixesOverlapping(site.id, '2026-09-01T00:00:00.000Z', '2026-09-30T00:00:00.000Z'))).toEqual([]);
    expect(names(repository.fixesOverlapping(site.id, '2026-09-01T00:00:00.000Z', '2026-10-01T08:00:00.000Z'))).toEqual(['curl', 'openssl']);
    const [openssl] = repository.fixesOverlapping(site.id, '2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z', { assetId: web.id }).filter((row) => row.name === 'openssl');
    expect(openssl).toMatchObject({ assetId: web.id, security: true, severity: 'high', firstSeenAt: '2026-10-01T08:00:00.000Z', resolvedAt: '2026-10-10T08:00:00.000Z', cves: ['CVE-2026-1'], advisories: ['DSA-1'] });
    const [lean] = repository.fixesOverlapping(site.id, '2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z', { withLists: false }).filter((row) => row.name === 'openssl');
    expect(lean).toMatchObject({ name: 'openssl', firstSeenAt: '2026-10-01T08:00:00.000Z' });
    expect(() => lean?.cves).toThrow(/read without its CVE and advisory lists/);
    expect(repository.fixCounts(site.id)).toEqual({ total: 2, open: 1 });
    await core.close();
  });

  it('gives each asset its collections as of an instant, with the OS of the latest that worked', async () => {
    const { core, site, web, repository } = await setup();
    expect(repository.collectionStandings(site.id, '2026-11-01T00:00:00.000Z').get(web.id)).toEqual({
      assetId: web.id,
      latest: { at: '2026-10-20T08:00:00.000Z', outcome: 'failed', errorCode: 'auth_failed', message: 'ops@10.0.0.1:22 refused the key' },
      lastSuccessAt: '2026-10-10T08:00:00.000Z',
      os: { ...OS, version: '12.7' },
    });
    const early = repository.collectionStandings(site.id, '2026-10-05T00:00:00.000Z');
    expect(early.get(web.id)).toMatchObject({ latest: { outcome: 'ok', at: '2026-10-01T08:00:00.000Z' }, os: OS });
    expect([...repository.collectionStandings(site.id, '2026-09-01T00:00:00.000Z').keys()]).toEqual([]);
    expect(repository.failuresBetween(site.id, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')).toEqual([{ assetId: web.id, at: '2026-10-20T08:00:00.000Z', errorCode: 'auth_failed', message: 'ops@10.0.0.1:22 refused the key' }]);
    expect(repository.failuresBetween(site.id, '2026-10-21T00:00:00.000Z', '2026-11-01T00:00:00.000Z')).toEqual([]);
    await core.close();
  });

  it('changes its fingerprint when assets or exceptions change, and tells where new collections start', async () => {
    const { core, site, web, patchStatus, repository } = await setup();
    const first = repository.fingerprint(site.id);
    expect(repository.fingerprint(site.id)).toEqual(first);
    await call(core, 'tiers:override', { action: 'set', assetIds: [web.id], tier: 2, reason: 'moved behind the proxy' });
    const second = repository.fingerprint(site.id);
    expect(second.assets).not.toBe(first.assets);
    const exception = await call<{ id: number }>(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'asset', assetId: web.id }, reason: 'r', owner: 'o', expiresAt: '2026-11-30' });
    const third = repository.fingerprint(site.id);
    expect(third.exceptions).not.toBe(second.exceptions);
    await call(core, 'exceptions:close', { id: exception.id, reason: 'fixed' });
    expect(repository.fingerprint(site.id).exceptions).not.toBe(third.exceptions);

    const watermark = repository.latestCollectionId();
    expect(repository.collectionsAfter(site.id, watermark)).toEqual({ earliestAt: null, maxId: watermark });
    patchStatus.recordFailure(web.id, null, '2026-09-15T00:00:00.000Z', 'ssh', 'timeout', 'late file');
    expect(repository.collectionsAfter(site.id, watermark)).toEqual({ earliestAt: '2026-09-15T00:00:00.000Z', maxId: watermark + 1 });
    expect(repository.latestCollectionId()).toBe(watermark + 1);
    await core.close();
  });
});
