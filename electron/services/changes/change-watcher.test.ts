import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { DataChangedEvent } from '../../../shared/contract/changes';
import type { PatchPolicy } from '../../../shared/domain/patch-policy';
import type { Site } from '../../../shared/contract/sites';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { ScansRepository } from '../../db/repositories/scans.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, host, openTestCore, scriptedDiscovery } from '../../test-support/test-core';
import type { ChangeWatcherTimers } from './change-watcher';
import { writeTransaction } from '../../db/write-transaction';
import { JobLinksRepository } from '../../db/repositories/job-links.repository';
import { JobsRepository } from '../../db/repositories/jobs.repository';
import { processOwnerProbe } from '../../platform/job-owner';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);
const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
  removeTempDirs();
});

/** Timers the test drives: the poll never fires on its own, and "soon" runs when the test says. */
function manualTimers() {
  const soon: (() => void)[] = [];
  let poll: (() => void) | null = null;
  const timers: ChangeWatcherTimers = {
    every: (_ms, look) => {
      poll = look;
      return () => {
        poll = null;
      };
    },
    soon: (look) => soon.push(look),
  };
  return {
    timers,
    polling: () => poll !== null,
    soonQueued: () => soon.length,
    runSoon: () => {
      for (const look of soon.splice(0)) look();
    },
  };
}

/** The serving process's core with its watcher, and a second connection to the same file writing. */
function serverAndWriter(options: { discover?: NonNullable<Parameters<typeof openTestCore>[0]>['discover'] } = {}) {
  const server = openTestCore();
  opened.push(server);
  const manual = manualTimers();
  const watcher = server.watchChanges({ timers: manual.timers });
  const pushed: DataChangedEvent[] = [];
  server.events.subscribe((event, payload) => {
    if (event === 'data:changed') pushed.push(payload as DataChangedEvent);
  });
  const writer = openTestCore({ dataDir: server.dataDir, ...(options.discover ? { discover: options.discover } : {}) });
  opened.push(writer);
  watcher.tick();
  pushed.length = 0;
  return { server, writer, watcher, manual, pushed };
}

describe('ChangeWatcher', () => {
  it('announces what another connection committed, per site and topic, numbered without gaps', async () => {
    const { writer, watcher, pushed } = serverAndWriter();
    expect(watcher.tick()).toEqual([]);

    const site = await call<Site>(writer, 'sites:create', { name: 'Acme' });
    expect(watcher.tick()).toEqual([{ seq: 1, siteId: site.id, topics: ['sites'] }]);
    expect(watcher.tick()).toEqual([]);

    await call(writer, 'import:csvCommit', { siteId: site.id, text: 'Hostname,IP\nweb1,10.0.0.1\ndb1,10.0.0.2\n', delimiter: ',', hasHeader: true, mapping: { hostname: 0, addresses: 1 } });
    const [web] = await call<Asset[]>(writer, 'assets:list', { siteId: site.id });
    await call(writer, 'exceptions:create', { siteId: site.id, scope: { kind: 'asset', assetId: web?.id }, reason: 'vendor appliance', owner: 'Dana', expiresAt: '2026-12-31' });
    expect(watcher.tick()).toEqual([{ seq: 2, siteId: site.id, topics: ['assets', 'exceptions'] }]);

    const other = await call<Site>(writer, 'sites:create', { name: 'Beta' });
    const policy = await call<PatchPolicy>(writer, 'policy:get', { siteId: site.id });
    await call(writer, 'policy:update', { siteId: site.id, policy });
    await call(writer, 'cycles:openBaseline', { siteId: other.id, month: '2026-11' });
    expect(watcher.tick()).toEqual([
      { seq: 3, siteId: site.id, topics: ['policy'] },
      { seq: 4, siteId: other.id, topics: ['sites', 'cycles'] },
    ]);
    expect(pushed.map((notice) => notice.seq)).toEqual([1, 2, 3, 4]);
  });

  it('announces host results that write no audit row of their own (a failed host)', async () => {
    const { writer, watcher } = serverAndWriter();
    const site = await call<Site>(writer, 'sites:create', { name: 'Acme' });
    const asset = await call<Asset>(writer, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.0.0.1'] } });
    watcher.tick();

    new PatchStatusRepository(writer.db).recordFailure(asset.id, null, '2026-11-02T09:00:00.000Z', 'ssh', 'unreachable', 'no route to host');
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['patch-status'] }]);
  });

  it('announces scans and collection runs that change in place: progress, and runs marked interrupted', async () => {
    const { writer, watcher } = serverAndWriter();
    const site = await call<Site>(writer, 'sites:create', { name: 'Acme' });
    const at = '2026-11-02T09:00:00.000Z';
    const jobs = new JobsRepository(writer.db);
    for (const [id, kind] of [['legacy-scan-1', 'scan'], ['legacy-collect-1', 'collect']] as const) jobs.insert({ id, kind, siteId: null, parameters: {}, owner: processOwnerProbe.self, createdBy: 'tester', at });
    watcher.tick();
    const scans = new ScansRepository(writer.db);
    const runs = new PatchStatusRepository(writer.db);

    const scanId = scans.start(site.id, ['10.0.0.0/24'], { ports: [22], timeoutMs: 1500, concurrency: 64, reverseDns: false, grabBanners: false }, 256, at);
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['scans'] }]);
    scans.saveProgress(scanId, { probedAddresses: 128, liveHosts: 3, newHosts: 1, staleMarked: 0 });
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['scans'] }]);
    const links = new JobLinksRepository(writer.db);
    links.linkScan(scanId, 'legacy-scan-1');
    links.interruptScan('legacy-scan-1', at, 'gone');
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['scans'] }]);

    const runId = runs.startRun(site.id, 3, {}, at);
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['patch-status'] }]);
    links.linkCollectionRun(runId, 'legacy-collect-1');
    links.interruptCollectionRun('legacy-collect-1', at);
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['patch-status'] }]);
    links.interruptCollectionRun('legacy-collect-1', at);
    expect(watcher.tick()).toEqual([]);
  });

  it('announces a collection run of another process as patch status, and its job in the other window’s list', async () => {
    const { server, writer, watcher } = serverAndWriter();
    const site = await call<Site>(writer, 'sites:create', { name: 'Acme' });
    await call(writer, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.0.0.1'], access: { method: 'ssh', port: 22, username: 'ops' } } });
    watcher.tick();

    const started = await call<{ jobId: string }>(writer, 'collect:start', { siteId: site.id });
    await writer.services.collections.wait(started.jobId);
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['patch-status', 'jobs'] }]);
    // The window served by the other process lists the job after that notice.
    expect(await call(server, 'jobs:list', { siteId: site.id })).toMatchObject([{ id: started.jobId, kind: 'collect', state: 'succeeded', result: { hostsTotal: 1 } }]);
  });

  it('announces a scan of another process as scans and assets', async () => {
    const { writer, watcher } = serverAndWriter({ discover: scriptedDiscovery([host('10.9.0.5', { hostname: 'nas' })]) });
    const site = await call<Site>(writer, 'sites:create', { name: 'Acme', networks: ['10.9.0.0/28'] });
    watcher.tick();

    const started = await call<{ jobId: string }>(writer, 'scan:start', { siteId: site.id });
    await writer.services.scans.wait(started.jobId);
    expect(watcher.tick()).toMatchObject([{ siteId: site.id, topics: ['assets', 'scans', 'jobs'] }]);
  });

  it('stays quiet for a write no screen shows (an export)', async () => {
    const { writer, watcher } = serverAndWriter();
    const site = await call<Site>(writer, 'sites:create', { name: 'Acme' });
    watcher.tick();

    await call(writer, 'export:assets', { siteId: site.id, format: 'csv' });
    expect(watcher.tick()).toEqual([]);
  });

  it('announces its own process at once after a request, never rows of a transaction still open', async () => {
    const { server, watcher, manual, pushed } = serverAndWriter();
    const site = await call<Site>(server, 'sites:create', { name: 'Acme' });
    expect(manual.soonQueued()).toBe(1);
    await call(server, 'sites:list', {});
    expect(manual.soonQueued()).toBe(1);
    manual.runSoon();
    expect(pushed).toEqual([{ seq: 1, siteId: site.id, topics: ['sites'] }]);

    writeTransaction(server.db, () => {
      server.audit.append({ at: '2026-11-02T09:00:00.000Z', actor: 'tester', siteId: site.id, entityType: 'policy', entityId: site.id, action: 'policy-changed', details: {} });
      expect(watcher.tick()).toEqual([]);
    });
    expect(watcher.tick()).toEqual([{ seq: 2, siteId: site.id, topics: ['policy'] }]);
  });

  it('looks after each job event of its own process, and stops looking when stopped', () => {
    const { server, watcher, manual } = serverAndWriter();
    server.events.emit('job:progress', { jobId: 'j', kind: 'scan', siteId: 1, seq: 1, state: 'running', progress: null });
    expect(manual.soonQueued()).toBe(1);
    manual.runSoon();

    server.events.emit('job:progress', { jobId: 'j', kind: 'scan', siteId: 1, seq: 1, state: 'running', progress: null });
    watcher.stop();
    expect(manual.polling()).toBe(false);
    expect(() => manual.runSoon()).not.toThrow();
    server.events.emit('job:progress', { jobId: 'j', kind: 'scan', siteId: 1, seq: 1, state: 'running', progress: null });
    expect(manual.soonQueued()).toBe(0);
  });

  it('announces an import by the patchdesk CLI, a separate process on the same file', async () => {
    const { writer, watcher } = serverAndWriter();
    await call<Site>(writer, 'sites:create', { name: 'Acme' });
    const site = await call<Site>(writer, 'sites:create', { name: 'Beta' });
    watcher.tick();

    const csv = join(writer.dataDir, 'hosts.csv');
    writeFileSync(csv, 'Hostname,IP Address\nfs01,10.0.0.5\nweb1,10.0.0.7\n');
    await run(process.execPath, ['bin/patchdesk.mjs', '--data-dir', writer.dataDir, 'import', 'csv', csv, '--site', 'Beta'], { cwd: root });
    expect(watcher.tick()).toMatchObject([{ seq: 3, siteId: site.id, topics: ['assets'] }]);
  }, 60_000);
});
