import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../shared/contract/assets';
import type { RolloutDetail } from '../../shared/contract/rollouts';
import type { Site } from '../../shared/contract/sites';
import { openAppCore } from '../core/app-core';
import { fixedClock } from '../platform/clock';
import { fakeDebianCollection } from '../services/rollouts/testing/fake-collection';
import { fakeFleet, fakeHost } from '../services/rollouts/testing/fake-package-hosts';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { connectCoreSocket, type RemoteCore } from './core-socket-client';
import { attachToFolder, serveOwnedFolder } from './folder-owner';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(removeTempDirs);

async function value<T>(remote: RemoteCore, channel: string, request: unknown): Promise<T> {
  const result = await remote.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

describe('a rollout driven over the owner’s socket', () => {
  it('records who planned, approved, started and rolled back, each CLI as itself, and the jobs’ work as whoever started them', async () => {
    const dataDir = makeTempDir();
    const attached = await attachToFolder(dataDir, 'browser-host', 'owner');
    if (attached.mode !== 'owner') throw new Error('expected to own the folder');
    const fleet = fakeFleet([fakeHost('web-1', ['lab-hello']), fakeHost('web-2', ['lab-hello'])]);
    const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
    // The owner is a browser host run by "root"; its heartbeat never fires on its own here.
    const core = openAppCore({ dataDir, mode: 'browser', actor: 'root', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: () => fleet.family } });
    const server = await serveOwnedFolder(attached.lock, core);
    cleanups.push(async () => {
      await server.close();
      await core.close();
      attached.lock.release();
    });
    const [alice, bob] = [await connectCoreSocket(server.address, 'alice'), await connectCoreSocket(server.address, 'bob')];
    cleanups.push(() => alice.close(), () => bob.close());

    const site = await value<Site>(bob, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
    const assets: Asset[] = [];
    for (const host of ['web-1', 'web-2']) {
      const asset = await value<Asset>(bob, 'assets:create', { siteId: site.id, fields: { hostname: host, deviceType: 'server', osFamily: 'linux' } });
      const scripted = fleet.host(host);
      if (!scripted) throw new Error(host);
      core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(scripted, clock.now().toISOString()), null);
      assets.push(asset);
    }
    const planned = await value<RolloutDetail>(bob, 'rollouts:plan', { siteId: site.id, name: 'November', selection: { kind: 'all' }, rings: [{ name: 'all', assetIds: assets.map((asset) => asset.id), concurrency: 1 }], failureBudget: '1' });
    await value(bob, 'rollouts:preview', { rolloutId: planned.id });
    expect(await value<RolloutDetail>(alice, 'rollouts:approve', { rolloutId: planned.id })).toMatchObject({ state: 'approved', approvedBy: 'alice' });
    const started = await value<{ jobId: string }>(alice, 'rollouts:start', { rolloutId: planned.id });
    await core.services.rollouts.wait(started.jobId);
    const rollback = await value<{ jobId: string }>(bob, 'rollouts:rollback', { rolloutId: planned.id, assetIds: [assets[0]?.id] });
    await core.services.rollouts.wait(rollback.jobId);
    expect(await value<RolloutDetail>(alice, 'rollouts:get', { rolloutId: planned.id })).toMatchObject({ createdBy: 'bob', approvedBy: 'alice' });

    const rows = core.db.prepare("SELECT actor, via, action FROM audit_log WHERE entity_type = 'rollout' ORDER BY id").all() as { actor: string; via: string; action: string }[];
    // The job alice started installed the hosts, and the one bob started rolled one back: their entries are theirs, none the owner's.
    expect(rows.map((row) => `${row.actor} ${row.via} ${row.action}`)).toEqual([
      'bob cli rollout-planned',
      'bob cli rollout-previewed',
      'alice cli rollout-approved',
      'alice cli rollout-started',
      'alice cli rollout-host-installed',
      'alice cli rollout-host-installed',
      'alice cli rollout-completed',
      'bob cli rollout-rollback-requested',
      'bob cli rollout-host-rollback-step',
      'bob cli rollout-host-rolled-back',
      'bob cli rollout-rollback-finished',
    ]);
    expect(core.db.prepare("SELECT created_by, created_via FROM jobs WHERE kind = 'rollout' ORDER BY created_at, rowid").all()).toEqual([
      { created_by: 'alice', created_via: 'cli' },
      { created_by: 'bob', created_via: 'cli' },
    ]);

    // The owner's own interface still acts as the owner.
    expect(await core.dispatcher.invoke('sites:update', { id: site.id, changes: { name: 'Acme GmbH' } })).toMatchObject({ ok: true });
    expect(core.db.prepare("SELECT actor, via FROM audit_log WHERE entity_type = 'site' ORDER BY id").all()).toEqual([
      { actor: 'bob', via: 'cli' },
      { actor: 'root', via: 'browser' },
    ]);
    expect(core.audit.verifyChain()).toBeNull();
  });
});
