import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { PackageHistoryResponse } from '../../../shared/contract/package-history';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { collectionFile } from '../../test-support/collection-file';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { debianCollection, type FixturePackage } from './package-history.fixtures';

afterEach(removeTempDirs);

const T1 = '2026-11-02T09:00:00.000Z';
const T2 = '2026-11-09T09:00:00.000Z';
const T3 = '2026-11-16T09:00:00.000Z';
const T4 = '2026-11-23T09:00:00.000Z';
const T5 = '2026-11-30T09:00:00.000Z';

type Pkg = FixturePackage;
const collection = debianCollection;

async function setUp() {
  const core = openTestCore();
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', networks: [] });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01' } });
  const ask = (request: object) => call<PackageHistoryResponse>(core, 'assets:packageHistory', { assetId: web.id, ...request });
  const store = (at: string, packages: Pkg[]) => core.services.patchStatus.storeCollection(web.id, collection(at, packages), null);
  return { core, siteId: site.id, web, ask, store };
}

const versions = (response: PackageHistoryResponse) => (response.measured && response.query === 'installedAt' ? response.packages.map((item) => `${item.name}=${item.version}${item.status === 'installed' ? '' : `(${item.status})`}`) : response);

describe('package history', () => {
  it('answers "not measured" before the first collection, never an empty list', async () => {
    const { core, ask } = await setUp();
    expect(await ask({ query: 'installedAt', at: T1 })).toEqual({ measured: false, reason: 'never_collected', historyStartsAt: null, message: expect.stringMatching(/no successful collection of asset \d+ has recorded its packages yet/) });
    expect(await ask({ query: 'since', package: 'openssl' })).toMatchObject({ measured: false, reason: 'never_collected' });
    await core.close();
  });

  it('keeps upgrades, downgrades, removals and re-installs as intervals, answering each instant from the collection before it', async () => {
    const { core, ask, store } = await setUp();
    store(T1, [['openssl', '3.0.14-1'], ['curl', '7.88.1-10'], ['vim', '2:9.0.1378-2']]);
    store(T2, [['openssl', '3.0.15-1'], ['curl', '7.88.1-10'], ['vim', '2:9.0.1378-2']]);
    store(T3, [['openssl', '3.0.14-1'], ['curl', '7.88.1-10']]);
    store(T4, [['openssl', '3.0.14-1'], ['curl', '7.88.1-10'], ['vim', '2:9.0.1378-2', 'amd64', 'half-configured']]);
    store(T5, [['openssl', '3.0.14-1'], ['curl', '7.88.1-10'], ['vim', '2:9.0.1378-2']]);

    expect(await ask({ query: 'installedAt', at: '2026-11-01T00:00:00Z' })).toMatchObject({ measured: false, reason: 'before_history', historyStartsAt: T1 });
    expect(versions(await ask({ query: 'installedAt', at: T1 }))).toEqual(['curl=7.88.1-10', 'openssl=3.0.14-1', 'vim=2:9.0.1378-2']);
    expect(await ask({ query: 'installedAt', at: '2026-11-10T10:00:00+01:00' })).toMatchObject({ asOf: { collectedAt: T2 }, at: '2026-11-10T09:00:00.000Z' });
    expect(versions(await ask({ query: 'installedAt', at: '2026-11-10T00:00:00Z' }))).toEqual(['curl=7.88.1-10', 'openssl=3.0.15-1', 'vim=2:9.0.1378-2']);
    expect(versions(await ask({ query: 'installedAt', at: T3 }))).toEqual(['curl=7.88.1-10', 'openssl=3.0.14-1']);
    expect(versions(await ask({ query: 'installedAt', at: T4 }))).toEqual(['curl=7.88.1-10', 'openssl=3.0.14-1', 'vim=2:9.0.1378-2(half-configured)']);
    expect(versions(core.services.packageHistory.installedBefore(1, T2))).toEqual(['curl=7.88.1-10', 'openssl=3.0.14-1', 'vim=2:9.0.1378-2']);

    const openssl = await ask({ query: 'since', package: 'openssl' });
    expect(openssl).toMatchObject({
      measured: true,
      current: [{ version: '3.0.14-1', firstSeenAt: T3, backfilled: false, lastConfirmedAt: T5, endedAt: null }],
      intervals: [
        { version: '3.0.14-1', firstSeenAt: T1, lastConfirmedAt: T1, endedAt: T2, endReason: 'replaced' },
        { version: '3.0.15-1', firstSeenAt: T2, lastConfirmedAt: T2, endedAt: T3, endReason: 'replaced' },
        { version: '3.0.14-1', firstSeenAt: T3, endedAt: null },
      ],
    });
    expect(await ask({ query: 'since', package: 'curl' })).toMatchObject({ current: [{ version: '7.88.1-10', firstSeenAt: T1, lastConfirmedAt: T5 }] });

    const changes = await ask({ query: 'changes', from: T1, to: T5 });
    expect(changes.measured && changes.query === 'changes' && changes.changes.map((change) => [change.at, change.name, change.change, change.from?.version ?? null, change.to?.status ?? null])).toEqual([
      [T2, 'openssl', 'replaced', '3.0.14-1', 'installed'],
      [T3, 'openssl', 'replaced', '3.0.15-1', 'installed'],
      [T3, 'vim', 'removed', '2:9.0.1378-2', null],
      [T4, 'vim', 'installed', null, 'half-configured'],
      [T5, 'vim', 'replaced', '2:9.0.1378-2', 'installed'],
    ]);
    expect(await ask({ query: 'changes', from: '2026-10-01T00:00:00Z', to: T2 })).toMatchObject({ measured: true, from: T1, changes: [{ name: 'openssl' }] });
    await core.close();
  });

  it('writes nothing but the last confirmation for a collection that changed nothing', async () => {
    const { core, ask, store } = await setUp();
    const packages: Pkg[] = Array.from({ length: 50 }, (_, index) => [`pkg${index}`, '1.0']);
    store(T1, packages);
    const rows = () => core.db.prepare('SELECT COUNT(*) AS n FROM package_history').get() as { n: number };
    expect(rows().n).toBe(50);
    store(T2, packages);
    store(T3, [...packages].reverse());
    expect(rows().n).toBe(50);
    expect(await ask({ query: 'installedAt', at: T4 })).toMatchObject({ span: { historyStartsAt: T1, lastConfirmedAt: T3 }, asOf: { collectedAt: T3 } });
    await core.close();
  });

  it('does not end intervals on a failed collection', async () => {
    const { core, web, ask, store } = await setUp();
    store(T1, [['openssl', '3.0.14-1']]);
    new PatchStatusRepository(core.db).recordFailure(web.id, null, T2, 'ssh', 'timeout', 'no answer within 10 s');
    expect(versions(await ask({ query: 'installedAt', at: T3 }))).toEqual(['openssl=3.0.14-1']);
    expect(await ask({ query: 'installedAt', at: T3 })).toMatchObject({ asOf: { collectedAt: T1 }, span: { lastConfirmedAt: T1 } });
    await core.close();
  });

  it('leaves an older collection stored after a newer one out of the history, and says so in the audit log', async () => {
    const { core, web, ask, store } = await setUp();
    store(T2, [['openssl', '3.0.15-1']]);
    store(T1, [['openssl', '3.0.14-1']]);
    expect(versions(await ask({ query: 'installedAt', at: T3 }))).toEqual(['openssl=3.0.15-1']);
    const details = core.audit.listForEntity('asset', web.id).filter((entry) => entry.action === 'patch-status-collected').map((entry) => (entry.details as { packageHistory: unknown }).packageHistory);
    expect(details).toEqual(expect.arrayContaining([{ kind: 'appended', started: 1, ended: 0 }, { kind: 'out_of_order', lastConfirmedAt: T2 }]));
    await core.close();
  });

  it('records offline imports through the same path, several versions of one name side by side', async () => {
    const { core, siteId, web, ask } = await setUp();
    await call(core, 'collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: web.id });
    const detail = core.services.patchStatus.detail(web.id);
    const answer = await ask({ query: 'installedAt', at: '2030-01-01T00:00:00Z' });
    expect(detail.installed.length).toBeGreaterThan(10);
    expect(answer.measured && answer.query === 'installedAt' && answer.packages.length).toBe(new Set(detail.installed.map((item) => `${item.name}/${item.arch}/${item.version}`)).size);
    await core.close();
  });

  it('refuses an unknown asset and a reversed range with clear messages', async () => {
    const { core } = await setUp();
    expect(await core.dispatcher.invoke('assets:packageHistory', { query: 'since', assetId: 99, package: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatcher.invoke('assets:packageHistory', { query: 'changes', assetId: 1, from: T2, to: T1 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"from" must not be after "to"/) } });
    await core.close();
  });
});
