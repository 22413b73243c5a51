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

/** A browser host (run by "root") owning a fresh folder, with scripted package hosts, and two CLI commands connected as alice and bob. */
async function ownerWithClients(hostNames: string[]) {
  const dataDir = makeTempDir();
  const attached = await attachToFolder(dataDir, 'browser-host', 'owner');
  if (attached.mode !== 'owner') throw new Error('expected to own the folder');
  const fleet = fakeFleet(hostNames.map((name) => fakeHost(name, ['lab-hello'])));
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  // Its heartbeat never fires on its own here: the test ticks it.
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
  for (const name of hostNames) {
    const asset = await value<Asset>(bob, 'assets:create', { siteId: site.id, fields: { hostname: name, deviceType: 'server', osFamily: 'linux' } });
    const scripted = fleet.host(name);
    if (!scripted) throw new Error(name);
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(scripted, clock.now().toISOString()), null);
    assets.push(asset);
  }
  const rolloutAudit = () => (core.db.prepare("SELECT actor, via, action FROM audit_log WHERE entity_type = 'rollout' ORDER BY id").all() as { actor: string; via: string; action: string }[]).map((row) => `${row.actor} ${row.via} ${row.action}`);
  return { core, clock, alice, bob, site, assets, rolloutAudit };
}

describe('a rollout driven over the owner’s socket', () => {
  it('records who planned, approved, started and rolled back, each CLI as itself, and the jobs’ work as whoever started them', async () => {
    const { core, alice, bob, site, assets, rolloutAudit } = await ownerWithClients(['web-1', 'web-2']);
    const planned = await value<RolloutDetail>(bob, 'rollouts:plan', { siteId: site.id, name: 'November', selection: { kind: 'all' }, rings: [{ name: 'all', assetIds: assets.map((asset) => asset.id), concurrency: 1 }], failureBudget: '1' });
    await value(bob, 'rollouts:preview', { rolloutId: planned.id });
    expect(await value<RolloutDetail>(alice, 'rollouts:approve', { rolloutId: planned.id })).toMatchObject({ state: 'approved', approvedBy: 'alice' });
    const started = await value<{ jobId: string }>(alice, 'rollouts:start', { rolloutId: planned.id });
    await core.services.rollouts.wait(started.jobId);
    const rollback = await value<{ jobId: string }>(bob, 'rollouts:rollback', { rolloutId: planned.id, assetIds: [assets[0]?.id] });
    await core.services.rollouts.wait(rollback.jobId);
    expect(await value<RolloutDetail>(alice, 'rollouts:get', { rolloutId: planned.id })).toMatchObject({ createdBy: 'bob', approvedBy: 'alice' });

    // The job alice started installed the hosts, and the one bob started rolled one back: their entries are theirs, none the owner's.
    expect(rolloutAudit()).toEqual([
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

  it('a rollout alice started that waits for its window is resumed by the owner’s scheduler as alice', async () => {
    const { core, clock, alice, site, assets, rolloutAudit } = await ownerWithClients(['web-1']);
    // Mondays 22:00-00:00 Berlin time; 2026-11-02 is a Monday, 10:00 there now.
    await value(alice, 'cycles:setWindows', { siteId: site.id, windows: [{ ring: 'test', weekdays: ['mon'], start: '22:00', durationMinutes: 120 }] });
    const planned = await value<RolloutDetail>(alice, 'rollouts:plan', { siteId: site.id, name: 'Night', selection: { kind: 'all' }, rings: [{ name: 'test', assetIds: assets.map((asset) => asset.id), windowRing: 'test' }] });
    await value(alice, 'rollouts:preview', { rolloutId: planned.id });
    await value(alice, 'rollouts:approve', { rolloutId: planned.id });
    await core.services.rollouts.wait((await value<{ jobId: string }>(alice, 'rollouts:start', { rolloutId: planned.id })).jobId);
    const waiting = core.services.rollouts.get(planned.id);
    expect(waiting).toMatchObject({ state: 'waiting', resumeAt: '2026-11-02T21:00:00.000Z' });

    clock.advance(Date.parse('2026-11-02T21:00:00.000Z') - clock.now().getTime());
    // The owner's own heartbeat, outside any request.
    core.jobs.tick();
    const resumed = core.services.rollouts.get(planned.id);
    await core.services.rollouts.wait(resumed.jobId ?? '');
    expect(core.services.rollouts.get(planned.id).state).toBe('completed');
    expect(rolloutAudit().slice(-4)).toEqual(['alice cli rollout-window-opened', 'alice cli rollout-resumed', 'alice cli rollout-host-installed', 'alice cli rollout-completed']);
    expect(rolloutAudit().filter((row) => !row.startsWith('alice cli '))).toEqual([]);
    expect(core.db.prepare("SELECT created_by FROM jobs WHERE kind = 'rollout'").all()).toEqual([{ created_by: 'alice' }, { created_by: 'alice' }]);
    expect(core.audit.verifyChain()).toBeNull();
  });
});
