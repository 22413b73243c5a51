import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { HostCollection } from '../../../shared/contract/patch-status';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { fakeFleet, fakeHost } from './testing/fake-package-hosts';

afterEach(removeTempDirs);
const cores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

const base = { collectedAt: '2026-11-02T09:00:00.000Z', method: 'ssh' as const, uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedKbs: [], warnings: [] };
const linux: HostCollection = {
  ...base,
  platform: 'linux',
  hostname: 'web',
  os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' },
  packageManager: 'apt',
  installedCount: 1,
  installed: [{ name: 'lab-hello', version: '1.0', arch: 'all', status: 'ii' }],
  pending: [{ name: 'lab-hello', installedVersion: '1.0', availableVersion: '1.1', repository: 'lab', security: true, cves: [], advisories: [], kind: 'upgrade' }],
  device: null,
};
const switchCollection: HostCollection = {
  ...base,
  platform: 'network-device',
  hostname: 'sw01',
  os: { id: 'ios', name: 'Cisco IOS', version: '15.2(7)E8', build: '' },
  packageManager: '',
  installedCount: 0,
  installed: [],
  pending: [],
  device: { vendor: 'Cisco', model: 'C2960X', serial: 'FOC123', osName: 'IOS', osVersion: '15.2(7)E8' },
};

async function setup() {
  const fleet = fakeFleet([fakeHost('web', ['lab-hello'])]);
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  const core = openAppCore({ dataDir: makeTempDir(), mode: 'cli', actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: () => fleet.family } });
  cores.push(core);
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web', deviceType: 'server', osFamily: 'linux' } });
  const sw = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'sw01', deviceType: 'network-device' } });
  core.services.patchStatus.storeCollection(web.id, linux, null);
  core.services.patchStatus.storeCollection(sw.id, switchCollection, null);
  const rings = [
    { name: 'test', assetIds: [web.id] },
    { name: 'broad', assetIds: [sw.id] },
  ];
  return { core, site, web, sw, rings, service: core.services.rollouts };
}

describe('a network device in a rollout', () => {
  it('is a manual step to the named firmware: the ring waits for it, an admin ticks it with evidence (audited), and it reaches the pack as manual', async () => {
    const { core, site, sw, rings, service } = await setup();
    await expect(call(core, 'rollouts:plan', { siteId: site.id, name: 'November', selection: { kind: 'all' }, rings })).rejects.toThrow(/sw01 \(ring broad\) is a network device: name the firmware or version its manual step installs/);

    const planned = await call<RolloutDetail>(core, 'rollouts:plan', { siteId: site.id, name: 'November', selection: { kind: 'all' }, rings, manualTargets: [{ assetId: sw.id, target: '15.2(7)E10' }] });
    const previewed = await service.preview(planned.id);
    expect(previewed.state).toBe('previewed');
    const preview = previewed.hosts.find((host) => host.hostname === 'sw01');
    expect(preview?.packages.map((item) => `${item.name} ${item.fromVersion} → ${item.toVersion} (${item.rollbackSource})`)).toEqual(['firmware 15.2(7)E8 → 15.2(7)E10 (manual)']);
    expect(preview?.manual).toMatchObject({ target: '15.2(7)E10', at: null });

    service.approve(planned.id);
    await service.wait(service.start(planned.id).jobId);
    const waiting = service.get(planned.id);
    expect(waiting.state).toBe('waiting');
    expect(waiting.stateReason).toBe('waiting for the manual step of ring broad: sw01 (install 15.2(7)E10 by hand, then tick it with evidence)');
    expect(waiting.hosts.map((host) => [host.hostname, host.state, host.step])).toEqual([
      ['web', 'installed', ''],
      ['sw01', 'pending', 'manual'],
    ]);

    await expect(call(core, 'rollouts:manualDone', { rolloutId: planned.id, assetId: sw.id, note: 'done', sha256: 'not-a-hash' })).rejects.toThrow(/SHA-256 is 64 hexadecimal characters/);
    await expect(call(core, 'rollouts:rollback', { rolloutId: planned.id, assetIds: [sw.id] })).rejects.toThrow(/sw01 is a network device: its manual step is rolled back by hand/);

    const hash = 'AB'.repeat(32);
    const ticked = await call<RolloutDetail>(core, 'rollouts:manualDone', { rolloutId: planned.id, assetId: sw.id, note: 'CHG-1042: upgraded from the console', fileRef: 'sw01-show-version.txt', sha256: hash });
    expect(ticked.hosts.find((host) => host.hostname === 'sw01')?.manual).toEqual({ target: '15.2(7)E10', note: 'CHG-1042: upgraded from the console', fileRef: 'sw01-show-version.txt', sha256: hash.toLowerCase(), by: 'ana', at: '2026-11-02T09:00:00.000Z' });
    // The rollout waited only for that step: it resumes and completes.
    await service.wait(ticked.jobId ?? '');
    const done = service.get(planned.id);
    expect(done.state).toBe('completed');
    expect(done.hosts.map((host) => host.state)).toEqual(['installed', 'installed']);
    await expect(call(core, 'rollouts:manualDone', { rolloutId: planned.id, assetId: sw.id, note: 'again' })).rejects.toThrow(/conflict/);

    const audit = core.db.prepare("SELECT details_json FROM audit_log WHERE action = 'rollout-manual-step-done'").all() as { details_json: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toMatchObject({ host: 'sw01', target: '15.2(7)E10', note: 'CHG-1042: upgraded from the console', sha256: hash.toLowerCase(), by: 'ana' });

    const rows = service.deploymentRows(site.id, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(rows.find((row) => row.hostname === 'sw01')).toMatchObject({ packages: 'firmware 15.2(7)E8 → 15.2(7)E10', state: 'installed', manual: { by: 'ana', fileRef: 'sw01-show-version.txt' } });
    expect(rows.find((row) => row.hostname === 'web')?.manual).toBeNull();
  });

  it('refuses a firmware target for a host the rollout installs itself', async () => {
    const { core, site, web, rings } = await setup();
    await expect(call(core, 'rollouts:plan', { siteId: site.id, name: 'November', selection: { kind: 'all' }, rings, manualTargets: [{ assetId: web.id, target: '1.0' }] })).rejects.toThrow(/web \(ring test\) is not a network device/);
  });
});
