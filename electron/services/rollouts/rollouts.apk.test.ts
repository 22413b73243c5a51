import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { HostCollection } from '../../../shared/contract/patch-status';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import { RolloutPlanRequest } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { familyFor } from './package-family';
import { fakeDebianCollection } from './testing/fake-collection';
import { APK_HEALTH_COMMAND, scriptedApkFleet, scriptedApkHost, type ScriptedApkHost } from './testing/scripted-apk-hosts';

afterEach(removeTempDirs);

const cores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

/** What the collector reports of an Alpine host: apk, its installed versions and each package's 1.1-r0 pending. */
function alpineCollection(host: ScriptedApkHost, at: string): HostCollection {
  const installed = new Map([...host.installed].map(([name, item]) => [name, item.version]));
  return {
    ...fakeDebianCollection({ name: host.name, installed }, at, {
      pending: [...installed].map(([name, version]) => ({ name, installedVersion: version, availableVersion: '1.1-r0', repository: 'origin:' + name, security: null, cves: [], advisories: [], kind: 'upgrade' as const })),
    }),
    os: { id: 'alpine', name: 'Alpine Linux v3.20', version: '3.20.3', build: host.kernel.running },
    packageManager: 'apk',
    installed: [...installed].map(([name, version]) => ({ name, version, arch: 'x86_64', status: 'installed' })),
  };
}

async function setup(hosts: ScriptedApkHost[]) {
  const fleet = scriptedApkFleet(hosts);
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  // The real family table: familyFor('apk') runs the apk operations against the scripted hosts.
  const core = Object.assign(openAppCore({ dataDir: makeTempDir(), mode: 'cli', actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: familyFor } }), { clock });
  cores.push(core);
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const assets: Asset[] = [];
  for (const host of hosts) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: host.name, deviceType: 'server', osFamily: 'linux' } });
    core.services.patchStatus.storeCollection(asset.id, alpineCollection(host, core.clock.now().toISOString()), null);
    assets.push(asset);
  }
  const service = core.services.rollouts;
  const id = (name: string) => assets.find((asset) => asset.hostname === name)?.id ?? 0;
  const plan = (rings: { name: string; hosts: string[] }[]) =>
    service.plan(RolloutPlanRequest.parse({ siteId: site.id, name: 'December', selection: { kind: 'all' }, rings: rings.map((ring) => ({ name: ring.name, assetIds: ring.hosts.map(id), concurrency: 1 })), post: [{ command: APK_HEALTH_COMMAND, timeoutSeconds: 30 }], failureBudget: '1', rebootPolicy: 'if-required' }));
  const hostState = (detail: RolloutDetail, name: string) => detail.hosts.find((host) => host.hostname === name);
  return { service, plan, hostState, fleet };
}

describe('rollouts on Alpine hosts (scripted: no apk-tools on Debian, no real Alpine host)', () => {
  it('previews pinned versions with the rollback plan, runs two rings, reboots for a new kernel, rolls back a host whose check fails, and leaves no world pin', async () => {
    const hosts = [
      scriptedApkHost('alpine-test', ['lab-hello', 'linux-lts'], { repository: new Map([['lab-hello', ['1.0-r0', '1.1-r0']], ['linux-lts', ['1.1-r0']]]), cache: new Map([['linux-lts', ['1.0-r0']]]) }),
      scriptedApkHost('alpine-broad-1', ['lab-hello', 'lab-breaks-check'], { breaksHealth: new Set(['lab-breaks-check']) }),
      scriptedApkHost('alpine-broad-2', ['lab-hello']),
    ];
    const { service, plan, hostState, fleet } = await setup(hosts);
    const planned = plan([
      { name: 'test', hosts: ['alpine-test'] },
      { name: 'broad', hosts: ['alpine-broad-1', 'alpine-broad-2'] },
    ]);
    // The mirror moves on after the test ring: the broad ring still gets what the test ring got.
    fleet.host('alpine-broad-2')?.repository.set('lab-hello', ['1.0-r0', '1.1-r0', '1.2-r0']);
    const previewed = await service.preview(planned.id);
    expect(previewed.state).toBe('previewed');
    expect(hostState(previewed, 'alpine-test')?.packages).toMatchObject([
      { name: 'lab-hello', fromVersion: '1.0-r0', toVersion: '1.1-r0', rollbackAvailable: true, rollbackSource: 'repository' },
      { name: 'linux-lts', fromVersion: '1.0-r0', toVersion: '1.1-r0', rollbackAvailable: true, rollbackSource: 'cache' },
    ]);
    expect(hostState(previewed, 'alpine-test')?.rebootExpected).toBe(true);
    expect(hostState(previewed, 'alpine-broad-2')?.packages).toMatchObject([{ name: 'lab-hello', toVersion: '1.1-r0' }]);
    expect(hostState(previewed, 'alpine-broad-2')?.rebootExpected).toBeNull();
    expect(fleet.host('alpine-broad-2')?.commands.some((command) => command.includes('-s add -u lab-hello=1.1-r0'))).toBe(true);

    service.approve(planned.id);
    // A linux-lts upgrade replaces the running kernel's modules folder, as on Alpine.
    const test = fleet.host('alpine-test');
    if (test) test.kernel.modules = ['6.6.60-0-lts'];
    const started = service.start(planned.id);
    await service.wait(started.jobId);
    const done = service.get(planned.id);
    expect(done.state).toBe('completed');
    expect(Object.fromEntries(done.hosts.map((host) => [host.hostname, host.state]))).toEqual({ 'alpine-test': 'installed', 'alpine-broad-1': 'rolled_back', 'alpine-broad-2': 'installed' });
    expect(hostState(done, 'alpine-test')).toMatchObject({ rebooted: true, postChecksPassed: true });
    expect(fleet.host('alpine-broad-2')?.installed.get('lab-hello')?.version).toBe('1.1-r0');
    expect(fleet.host('alpine-broad-1')?.installed.get('lab-breaks-check')?.version).toBe('1.0-r0');
    expect(hostState(done, 'alpine-broad-1')?.events.map((event) => `${event.step} ${event.outcome}`)).toContain('rollback ok');
    // Every apk add name=VERSION (install and rollback) was followed by the world put back.
    for (const host of hosts) expect(host.world.filter((line) => /=/.test(line))).toEqual([]);
    // The evidence pack's deployment rows (PDF section and data/rollouts.csv) read them like any Linux host.
    const rows = service.deploymentRows(planned.siteId, '2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z');
    expect(rows.map((row) => `${row.ring} ${row.hostname} ${row.state} ${row.rolledBack} ${row.packages}`)).toEqual([
      'test alpine-test installed false lab-hello 1.0-r0 → 1.1-r0; linux-lts 1.0-r0 → 1.1-r0',
      'broad alpine-broad-1 rolled_back true lab-breaks-check 1.0-r0 → 1.1-r0; lab-hello 1.0-r0 → 1.1-r0',
      'broad alpine-broad-2 installed false lab-hello 1.0-r0 → 1.1-r0',
    ]);
  });

  it('refuses a preview that would purge a package nobody approved, and a host whose world an admin pinned', async () => {
    const hosts = [scriptedApkHost('alpine-1', ['lab-hello'], { purges: ['libcrypto1.1'] }), scriptedApkHost('alpine-2', ['lab-hello'])];
    hosts[0]?.installed.set('libcrypto1.1', { version: '1.1.1w-r1', flags: '' });
    hosts[1]?.world.splice(1, 1, 'lab-hello<1.1');
    const { service, plan, hostState } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['alpine-1', 'alpine-2'] }]);
    const previewed = await service.preview(planned.id);
    expect(previewed.state).toBe('planned');
    expect(hostState(previewed, 'alpine-1')?.previewProblem).toMatch(/would remove libcrypto1\.1, which nobody approved: refused/);
    expect(hostState(previewed, 'alpine-2')?.previewProblem).toMatch(/pins lab-hello<1\.1/);
  });
});
