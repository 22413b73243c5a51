import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { removeTempDirs } from '../../test-support/temp-dir';
import { collectionFile } from '../../test-support/collection-file';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

async function setUp() {
  const core = openTestCore();
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', networks: [] });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01.corp.example' } });
  const db = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'db01' } });
  return { core, siteId: site.id, web, db };
}

function auditDetails(core: Awaited<ReturnType<typeof setUp>>['core'], assetId: number): Record<string, unknown>[] {
  return core.audit.listForEntity('asset', assetId).filter((entry) => entry.action === 'patch-status-collected').map((entry) => entry.details as Record<string, unknown>);
}

describe('offline collection import', () => {
  it('attaches a file to the asset it names, recording the file name and its hostname', async () => {
    const { core, siteId, web } = await setUp();
    const stored = await call<{ assetId: number }>(core, 'collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: web.id });
    expect(stored.assetId).toBe(web.id);
    expect(auditDetails(core, web.id)).toEqual([expect.objectContaining({ method: 'offline-file', fileName: 'web01.pdc', fileHostname: 'web01', forcedHost: false })]);
    await core.close();
  });

  it('refuses a file collected on another host than the chosen asset, unless the admin forces it, and says so in the audit log', async () => {
    const { core, siteId, db } = await setUp();
    const refused = await core.dispatcher.invoke('collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: db.id });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/^web01\.pdc was collected on "web01", not on "db01"; nothing was imported/) }) });
    expect(auditDetails(core, db.id)).toEqual([]);
    await call(core, 'collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: db.id, forceHost: true });
    expect(auditDetails(core, db.id)).toEqual([expect.objectContaining({ fileName: 'web01.pdc', fileHostname: 'web01', forcedHost: true })]);
    await core.close();
  });

  it('tells a short name from another domain apart', async () => {
    const { core, siteId, web } = await setUp();
    const other = await core.dispatcher.invoke('collect:importFile', { siteId, text: collectionFile('web01.lab.example'), fileName: 'x.pdc', assetId: web.id });
    expect(other.ok).toBe(false);
    await core.close();
  });
});
