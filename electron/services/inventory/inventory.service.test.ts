import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, host, openTestCore } from '../../test-support/test-core';
import { writeTransaction } from '../../db/write-transaction';

afterEach(removeTempDirs);

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme Dental', networks: ['10.1.0.0/24'], timezone: 'Europe/Berlin' });
  return { core, site };
}

describe('InventoryService', () => {
  it('creates, edits with history and refuses stale edits', async () => {
    const { core, site } = await setup();
    const created = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'fs01', addresses: ['10.1.0.5'], owner: 'Ana' } });
    expect(created).toMatchObject({ status: 'active', source: 'manual', version: 1 });
    const edited = await call<Asset>(core, 'assets:update', { id: created.id, expectedVersion: 1, changes: { owner: 'Ben', location: 'Rack 2' } });
    expect(edited).toMatchObject({ owner: 'Ben', location: 'Rack 2', version: 2 });
    const stale = await core.dispatcher.invoke('assets:update', { id: created.id, expectedVersion: 1, changes: { owner: 'Cy' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const history = await call<{ action: string; actor: string; changes: Record<string, unknown> }[]>(core, 'assets:history', { id: created.id });
    expect(history.map((entry) => entry.action)).toEqual(['edited', 'created']);
    expect(history[0]).toMatchObject({ actor: 'tester', changes: { owner: ['Ana', 'Ben'], location: ['', 'Rack 2'] } });
    await core.close();
  });

  it('sets access on many assets at once, all or none, with history', async () => {
    const { core, site } = await setup();
    const one = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1' } });
    const two = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web2', access: { method: 'ssh', port: 2222, username: 'ops' } } });
    const access = { method: 'ssh', port: 2222, username: 'ops' } as const;
    expect(await call(core, 'assets:setAccess', { ids: [one.id, two.id], access })).toEqual({ updated: 1 });
    expect((await call<Asset>(core, 'assets:get', { id: one.id })).access).toEqual(access);
    const history = await call<{ action: string; changes: Record<string, unknown> }[]>(core, 'assets:history', { id: one.id });
    expect(history[0]).toMatchObject({ action: 'edited', changes: { access: [expect.anything(), access] } });
    const missing = await core.dispatcher.invoke('assets:setAccess', { ids: [one.id, 9999], access: { method: 'winrm', port: 5986, username: 'CORP\\ops' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call<Asset>(core, 'assets:get', { id: one.id })).access.method).toBe('ssh');
    expect(await core.dispatcher.invoke('assets:setAccess', { ids: [], access })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await core.close();
  });

  it('refuses a duplicate by MAC, hostname or address', async () => {
    const { core, site } = await setup();
    await call(core, 'assets:create', { siteId: site.id, fields: { hostname: 'fs01', addresses: ['10.1.0.5'] } });
    const duplicate = await core.dispatcher.invoke('assets:create', { siteId: site.id, fields: { hostname: 'FS01.acme.local' } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('same hostname') } });
    await core.close();
  });

  it('names bad fields', async () => {
    const { core, site } = await setup();
    const result = await core.dispatcher.invoke('assets:create', { siteId: site.id, fields: { hostname: 'x', addresses: ['10.1.0.300'], mac: 'zz' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('fields.addresses.0: "10.1.0.300" is not an IPv4 address') } });
    await core.close();
  });

  it('merges discovery without duplicates and without clobbering the admin', async () => {
    const { core, site } = await setup();
    const known = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.1.0.10'], osName: 'Ubuntu 22.04 (admin)' } });
    writeTransaction(core.db, () => {
      core.services.inventory.mergeDiscovery(site.id, { ...host('10.1.0.10', { hostname: 'web1.acme.local', mac: 'aa:bb:cc:dd:ee:01', osName: 'Debian' }), addresses: ['10.1.0.10'], seenAt: '2026-11-02T10:00:00.000Z' }, 'scan', 'test');
      core.services.inventory.mergeDiscovery(site.id, { ...host('10.1.0.99'), addresses: ['10.1.0.99'], seenAt: '2026-11-02T10:00:00.000Z' }, 'scan', 'test');
    });
    const assets = await call<Asset[]>(core, 'assets:list', { siteId: site.id });
    expect(assets).toHaveLength(2);
    const web1 = assets.find((asset) => asset.id === known.id);
    expect(web1).toMatchObject({ status: 'active', mac: 'aa:bb:cc:dd:ee:01', osName: 'Ubuntu 22.04 (admin)', lastSeenAt: '2026-11-02T10:00:00.000Z' });
    expect(assets.find((asset) => asset.id !== known.id)).toMatchObject({ status: 'unreviewed', source: 'scan', addresses: ['10.1.0.99'] });
    await core.close();
  });

  it('reviews, dismisses and retires', async () => {
    const { core, site } = await setup();
    const ids: number[] = [];
    writeTransaction(core.db, () => {
      for (const address of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) {
        ids.push(core.services.inventory.mergeDiscovery(site.id, { ...host(address), addresses: [address], seenAt: '2026-11-02T10:00:00.000Z' }, 'scan', 'test').assetId);
      }
    });
    expect(await call(core, 'assets:review', { ids: [ids[0], ids[1]], decision: 'accept' })).toEqual({ updated: 2 });
    expect(await call(core, 'assets:review', { ids: [ids[2]], decision: 'dismiss' })).toEqual({ updated: 1 });
    expect(await call(core, 'assets:retire', { ids: [ids[0]], reason: 'replaced by new hardware' })).toEqual({ updated: 1 });
    const byStatus = (await call<Asset[]>(core, 'assets:list', { siteId: site.id })).map((asset) => asset.status).sort();
    expect(byStatus).toEqual(['active', 'dismissed', 'retired']);
    const retired = await core.dispatcher.invoke('assets:retire', { ids: [ids[1]], reason: '  ' });
    expect(retired).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await core.close();
  });
});
