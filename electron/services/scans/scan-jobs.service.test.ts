import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ScanSummary } from '../../../shared/contract/discovery';
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
    core.events.subscribe((event) => events.push(event));

    const first = await call<{ jobId: string }>(core, 'scan:start', { siteId: site.id });
    const summary = await core.services.scans.wait(first.jobId);
    expect(summary).toMatchObject({ status: 'completed', totalAddresses: 256, liveHosts: 2, newHosts: 2 });
    expect(events.filter((event) => event === 'scan:host')).toHaveLength(2);
    expect(events.at(-1)).toBe('scan:finished');

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

  it('marks scans left running by a crash as interrupted on the next start', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    core.db.prepare("INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses) VALUES (?, '[]', '[]', '{}', 'running', '2026-01-01T00:00:00Z', 1)").run(site.id);
    const dataDir = core.dataDir;
    await core.close();
    const reopened = openTestCore({ dataDir });
    expect((await call<ScanSummary[]>(reopened, 'scan:list', { siteId: site.id }))[0]).toMatchObject({ status: 'interrupted' });
    await reopened.close();
  });

  it('leaves a scan that another live process is running alone when it starts', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const { hostname } = await import('node:os');
    core.db
      .prepare("INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses, owner_pid, owner_instance, owner_started_at, owner_host, heartbeat_at) VALUES (?, '[]', '[]', '{}', 'running', ?, 1, ?, 'the desktop app', ?, ?, ?)")
      .run(site.id, core.clock.now().toISOString(), process.pid, core.clock.now().toISOString(), hostname(), core.clock.now().toISOString());
    const dataDir = core.dataDir;
    await core.close();
    const cli = openTestCore({ dataDir });
    expect((await call<ScanSummary[]>(cli, 'scan:list', { siteId: site.id }))[0]).toMatchObject({ status: 'running' });
    await cli.close();
  });
});
