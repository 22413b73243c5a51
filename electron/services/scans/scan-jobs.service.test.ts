import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { ScanOptions, type ScanSummary } from '../../../shared/contract/discovery';
import type { EventOf } from '../../../shared/contract/index';
import { processOwnerProbe, type JobOwner } from '../../platform/job-owner';
import { JobLinksRepository } from '../../db/repositories/job-links.repository';
import { JobsRepository } from '../../db/repositories/jobs.repository';
import { ScansRepository } from '../../db/repositories/scans.repository';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, host, openTestCore, scriptedDiscovery } from '../../test-support/test-core';

afterEach(removeTempDirs);

describe('ScanJobsService', () => {
  it('merges live hosts as they come, emits events and flags stale hosts after N missed scans', async () => {
    let visible = [host('10.1.0.5', { hostname: 'web1' }), host('10.1.0.6')];
    const core = openTestCore({ discover: (run) => scriptedDiscovery(visible)(run) });
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', networks: ['10.1.0.0/24'] });
    await call(core, 'policy:update', { siteId: site.id, policy: { ...(await call<object>(core, 'policy:get', { siteId: site.id })), staleAfterMissedScans: 2 } });
    const events: string[] = [];
    const jobEvents: EventOf<'job:progress'>[] = [];
    core.events.subscribe((event, payload) => {
      events.push(event);
      if (event === 'job:progress') jobEvents.push(payload as EventOf<'job:progress'>);
    });

    const first = await call<{ jobId: string }>(core, 'scan:start', { siteId: site.id });
    const summary = await core.services.scans.wait(first.jobId);
    expect(summary).toMatchObject({ status: 'completed', totalAddresses: 256, liveHosts: 2, newHosts: 2 });
    expect(events.filter((event) => event === 'scan:host')).toHaveLength(2);
    expect(events.at(-1)).toBe('job:progress');
    expect(jobEvents.map((event) => event.state)).toEqual(['running', 'running', 'succeeded']);
    expect(jobEvents.at(-1)).toMatchObject({ jobId: first.jobId, kind: 'scan', siteId: site.id, seq: 3, result: { id: summary.id, status: 'completed' }, progress: { scanId: summary.id, probedAddresses: 256, totalAddresses: 256 } });
    expect(core.jobs.get(first.jobId).steps.map((step) => [step.name, step.state])).toEqual([
      ['discover', 'succeeded'],
      ['mark-missed', 'succeeded'],
    ]);

    visible = [host('10.1.0.5', { hostname: 'web1' })];
    for (let run = 0; run < 2; run++) await core.services.scans.wait((await call<{ jobId: string }>(core, 'scan:start', { siteId: site.id })).jobId);
    const assets = await call<Asset[]>(core, 'assets:list', { siteId: site.id });
    expect(assets.find((asset) => asset.addresses.includes('10.1.0.6'))).toMatchObject({ stale: true, missedScans: 2 });
    expect(assets.find((asset) => asset.addresses.includes('10.1.0.5'))).toMatchObject({ stale: false, missedScans: 0 });
    const scans = await call<ScanSummary[]>(core, 'scan:list', { siteId: site.id });
    expect(scans).toHaveLength(3);
    expect(scans[0]).toMatchObject({ staleMarked: 1 });
    await core.close();
  });

  it('asks for confirmation above a /16 and rejects bad targets by position', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const noTargets = await core.dispatcher.invoke('scan:start', { siteId: site.id });
    expect(noTargets).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('no networks') } });
    const large = await core.dispatcher.invoke('scan:start', { siteId: site.id, targets: ['10.0.0.0/15'] });
    expect(large).toMatchObject({ ok: false, error: { code: 'needs_confirmation', message: expect.stringContaining('131,072') } });
    const bad = await core.dispatcher.invoke('scan:start', { siteId: site.id, targets: ['10.0.0.1', '10.0.0.9-2'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'targets.1' }] } });
    const confirmed = await call<{ jobId: string }>(core, 'scan:start', { siteId: site.id, targets: ['10.0.0.0/15'], confirmLarge: true });
    expect((await core.services.scans.wait(confirmed.jobId)).status).toBe('completed');
    await core.close();
  });

  it('marks scans left running by a crash as interrupted on the next start, with their job', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const scanId = new ScansRepository(core.db).start(site.id, ['10.0.0.1'], ScanOptions.parse({}), 1, '2026-01-01T00:00:00Z');
    const gone: JobOwner = { pid: 2 ** 30, instanceId: 'crashed', startedAt: '2026-01-01T00:00:00Z', host: processOwnerProbe.self.host, processKey: null };
    new JobsRepository(core.db).insert({ id: 'crashed-scan', kind: 'scan', siteId: site.id, parameters: {}, owner: gone, createdBy: 'tester', at: '2026-01-01T00:00:00Z' });
    new JobLinksRepository(core.db).linkScan(scanId, 'crashed-scan');
    const dataDir = core.dataDir;
    await core.close();
    const reopened = openTestCore({ dataDir });
    expect((await call<ScanSummary[]>(reopened, 'scan:list', { siteId: site.id }))[0]).toMatchObject({ status: 'interrupted', error: expect.stringContaining('stopped') });
    expect(reopened.jobs.get('crashed-scan').job).toMatchObject({ state: 'interrupted', error: expect.stringContaining(`pid ${2 ** 30}`) });
    await reopened.close();
  });

  it('a scan cancelled through the generic jobs channel ends cancelled in both records', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const core = openTestCore({
      discover: async (run) => {
        await released;
        return { probedAddresses: 0, liveHosts: 0, cancelled: run.signal?.aborted ?? false };
      },
    });
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', networks: ['10.1.0.0/30'] });
    const { jobId } = await call<{ jobId: string }>(core, 'scan:start', { siteId: site.id });
    expect(await call(core, 'jobs:cancel', { jobId })).toMatchObject({ id: jobId, cancelRequestedAt: expect.any(String) });
    release();
    expect(await core.services.scans.wait(jobId)).toMatchObject({ status: 'cancelled' });
    expect(await call(core, 'jobs:list', { siteId: site.id, kind: 'scan' })).toMatchObject([{ id: jobId, state: 'cancelled', result: { status: 'cancelled' } }]);
    await core.close();
  });

  it('leaves a scan that another live process is running alone when it starts', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const scanId = new ScansRepository(core.db).start(site.id, ['10.0.0.1'], ScanOptions.parse({}), 1, core.clock.now().toISOString());
    const desktop: JobOwner = { ...processOwnerProbe.self, instanceId: 'the desktop app' };
    new JobsRepository(core.db).insert({ id: 'desktop-scan', kind: 'scan', siteId: site.id, parameters: {}, owner: desktop, createdBy: 'tester', at: core.clock.now().toISOString() });
    new JobLinksRepository(core.db).linkScan(scanId, 'desktop-scan');
    const dataDir = core.dataDir;
    await core.close();
    const cli = openTestCore({ dataDir });
    expect((await call<ScanSummary[]>(cli, 'scan:list', { siteId: site.id }))[0]).toMatchObject({ status: 'running' });
    await cli.close();
  });
});
