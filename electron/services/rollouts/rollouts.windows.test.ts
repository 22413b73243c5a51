import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import { RolloutPlanRequest } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { RolloutsRepository } from '../../db/repositories/rollouts.repository';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { createRemoteExecutor, type RemoteExecutor } from '../remote/executor/remote-executor';
import { createWindowsFamilyOperations } from '../remote/operations/windows-family';
import type { WuaPacing } from '../remote/operations/wua-task';
import { simulateWindowsHost, type SimulatedUpdate, type SimulatedWindowsHost } from '../remote/winrm/test-support/windows-host-simulator';
import { startWinRmTestServer, type WinRmTestServer } from '../remote/winrm/test-support/winrm-test-server';
import { createHostAccess, type HostAccess } from './host-access';
import { familyFromOperations } from './package-family';
import { fakeDebianCollection } from './testing/fake-collection';
import { fakeFleet, fakeHost, type FakeHost } from './testing/fake-package-hosts';

afterEach(removeTempDirs);

const PASSWORD = 'Wu4-lab-secret!';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const update = (kb: string, extra: Partial<SimulatedUpdate> = {}): SimulatedUpdate => ({
  kb,
  updateId: `0000${kb.slice(0, 4)}-1111-4222-8333-${kb.padStart(12, '0')}`,
  title: `2026-12 Cumulative Update for Windows Server 2022 (KB${kb})`,
  installed: false,
  isUninstallable: true,
  severity: 'Important',
  ...extra,
});
const CUMULATIVE = '5034441';
const STACK = '5034439';
const FAILING = '5034122';
const pinOf = (kb: string, revision = 200) => `${update(kb).updateId}@${revision}`;

/** A core whose Windows hosts are simulated hosts behind WinRM test listeners, reached by the real host access, collector and executor; Linux hosts are scripted. */
async function setup(windows: Record<string, SimulatedUpdate[]>, linux: FakeHost[] = []) {
  const simulated = new Map<string, { host: SimulatedWindowsHost; server: WinRmTestServer }>();
  for (const [name, updates] of Object.entries(windows)) {
    const host = simulateWindowsHost({ updates, pollsUntilResult: 1, hostname: name.toUpperCase() });
    const server = await startWinRmTestServer({ accounts: [{ user: 'patchbot', domain: 'PATCHLAB', password: PASSWORD }], behave: host.behave });
    closers.push(() => server.close());
    simulated.set(name, { host, server });
  }
  const fleet = fakeFleet(linux);
  const executor: RemoteExecutor = createRemoteExecutor();
  closers.push(() => executor.close());
  const wuaClock = fixedClock(new Date('2026-12-07T20:00:00Z'));
  const polls: number[] = [];
  const pacing: WuaPacing = {
    clock: wuaClock,
    sleep: async (ms) => {
      polls.push(ms);
      wuaClock.advance(ms);
    },
    pollIntervalMs: 5000,
  };
  const windowsFamily = familyFromOperations('windows', createWindowsFamilyOperations(pacing));
  let real: HostAccess | undefined;
  const realAccess = () => {
    if (!real) throw new Error('the core is not open yet');
    return real;
  };
  const access: HostAccess = {
    open: (asset, purpose, signal) => (asset.access.method === 'winrm' ? realAccess().open(asset, purpose, signal) : fleet.access.open(asset, purpose, signal)),
    collect: (asset, context) => (asset.access.method === 'winrm' ? realAccess().collect(asset, context) : fleet.access.collect(asset, context)),
  };
  const clock = fixedClock(new Date('2026-12-07T20:00:00.000Z'));
  const core = openAppCore({ dataDir: makeTempDir(), mode: 'cli', actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access, family: (manager) => (manager === 'windows-update' ? windowsFamily : fleet.family) } });
  closers.push(() => core.close());
  real = createHostAccess({ vault: core.services.vault, patchStatus: new PatchStatusRepository(core.db), executor, status: core.services.patchStatus });

  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  await call(core, 'vault:setup', { passphrase: 'a long master passphrase' });
  const credential = await call<{ id: number }>(core, 'credentials:create', { siteId: site.id, name: 'windows', kind: 'winrm', username: 'PATCHLAB\\patchbot', secrets: { authMethod: 'ntlm', password: PASSWORD } });
  await call(core, 'credentials:bind', { credentialId: credential.id, tags: ['windows'] });
  const assets = new Map<string, Asset>();
  for (const [name, { server }] of simulated) {
    assets.set(name, await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: name, addresses: [server.host], tags: ['windows'], deviceType: 'server', osFamily: 'windows', access: { method: 'winrm', port: server.port, username: '' } } }));
  }
  for (const host of linux) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: host.name, deviceType: 'server', osFamily: 'linux' } });
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(host, clock.now().toISOString()), null);
    assets.set(host.name, asset);
  }
  // The Windows hosts are collected for real: the collector script over WinRM, answered by the simulated host.
  const started = await call<{ jobId: string }>(core, 'collect:start', { siteId: site.id, assetIds: [...simulated.keys()].map((name) => assets.get(name)?.id) });
  const collected = await core.services.collections.wait(started.jobId);
  expect(collected).toMatchObject({ status: 'completed', hostsOk: simulated.size });

  const id = (name: string) => assets.get(name)?.id ?? 0;
  const service = core.services.rollouts;
  const plan = (selection: object, rings: { name: string; hosts: string[]; concurrency?: number }[], extra: object = {}) =>
    service.plan(RolloutPlanRequest.parse({ siteId: site.id, name: 'December Windows', selection, rings: rings.map((ring) => ({ name: ring.name, assetIds: ring.hosts.map(id), concurrency: ring.concurrency ?? 1 })), ...extra }));
  const host = (name: string) => simulated.get(name)?.host as SimulatedWindowsHost;
  const hostOf = (detail: RolloutDetail, name: string) => detail.hosts.find((candidate) => candidate.hostname === name);
  return { core, service, plan, host, hostOf, fleet, polls };
}

const steps = (detail: RolloutDetail, name: string) => (detail.hosts.find((host) => host.hostname === name)?.events ?? []).map((event) => `${event.step} ${event.outcome}`);

describe('rollouts on Windows hosts (the simulated host behind the WinRM test listener)', () => {
  it('previews the exact KBs, pins the later rings to the test ring\u2019s updates, installs in rounds across a reboot, counts a failing result code and an update no longer offered against the budget, verifies by a fresh collection and rolls back by KB uninstall where Windows allows it', async () => {
    const { core, service, plan, host, hostOf, fleet, polls } = await setup(
      {
        'win-1': [update(CUMULATIVE, { rebootRequired: true }), update(STACK, { title: '2026-12 Servicing Stack Update for Windows Server 2022 (KB5034439)', isUninstallable: false }), update(FAILING, { title: '2026-12 .NET Framework Update (KB5034122)', resultCode: 4, hresult: 0x80240022 })],
        'win-2': [update(CUMULATIVE, { rebootRequired: true }), update(STACK, { installed: true, isUninstallable: false })],
        'win-3': [update(CUMULATIVE, { rebootRequired: true })],
      },
      [fakeHost('lin-1', ['lab-hello'])],
    );
    const planned = plan(
      { kind: 'packages', packages: ['lab-hello'], kbs: ['kb5034441', `KB${STACK}`, `KB${FAILING}`] },
      [
        { name: 'test', hosts: ['win-1', 'lin-1'], concurrency: 2 },
        { name: 'pilot', hosts: ['win-2'] },
        { name: 'broad', hosts: ['win-3'] },
      ],
      { failureBudget: '2', autoRollback: false },
    );
    expect(planned.selection).toEqual({ kind: 'packages', packages: ['lab-hello'], kbs: ['KB5034441', 'KB5034439', 'KB5034122'], minSeverity: null, advisories: [], fixes: null });

    const previewed = await service.preview(planned.id);
    expect(previewed.hosts.map((each) => `${each.hostname}: ${each.previewProblem}`)).toEqual(['win-1: ', 'lin-1: ', 'win-2: ', 'win-3: ']);
    expect(previewed.state).toBe('previewed');
    expect(hostOf(previewed, 'win-1')).toMatchObject({ previewProblem: '', rebootExpected: true });
    expect(hostOf(previewed, 'win-1')?.packages.map((item) => [item.name, item.title, item.fromVersion, item.toVersion, item.rollbackAvailable, item.rollbackSource])).toEqual([
      ['KB5034122', '2026-12 .NET Framework Update (KB5034122)', null, pinOf(FAILING), true, 'uninstall: wusa /uninstall /kb:5034122'],
      ['KB5034439', '2026-12 Servicing Stack Update for Windows Server 2022 (KB5034439)', null, pinOf(STACK), false, 'not possible: Windows marks KB5034439 not uninstallable (a servicing stack update, which Windows never removes)'],
      ['KB5034441', '2026-12 Cumulative Update for Windows Server 2022 (KB5034441)', null, pinOf(CUMULATIVE), true, 'uninstall: wusa /uninstall /kb:5034441'],
    ]);
    // The Linux host of the same ring takes the named package, the Windows hosts only the KBs they are offered.
    expect(hostOf(previewed, 'lin-1')?.packages.map((item) => `${item.name} ${item.fromVersion} → ${item.toVersion}`)).toEqual(['lab-hello 1.0 → 1.1']);
    expect(hostOf(previewed, 'win-2')?.packages.map((item) => `${item.name} ${item.toVersion}`)).toEqual([`KB5034441 ${pinOf(CUMULATIVE)}`]);
    expect(host('win-1').tasks()).toEqual([]);
    expect(host('win-1').folders.size).toBe(0);

    service.approve(planned.id);
    // Microsoft revises the cumulative update after the test ring was previewed: the broad ring must not get the new revision.
    const revised = host('win-3').updates[0] as SimulatedUpdate;
    revised.revision = 201;
    const started = service.start(planned.id);
    await service.wait(started.jobId);
    const done = service.get(planned.id);

    expect(done.state).toBe('completed');
    expect(Object.fromEntries(done.hosts.map((each) => [each.hostname, each.state]))).toEqual({ 'win-1': 'failed', 'lin-1': 'installed', 'win-2': 'installed', 'win-3': 'failed' });
    expect(done.budget).toEqual({ described: '2 hosts', allowed: 2, failures: 2, exhausted: false });

    // win-1: one round installs two updates and fails the third; one reboot and a second round, as win_updates does; it still fails.
    expect(hostOf(done, 'win-1')?.message).toBe('KB5034122 failed (0x80240022 WU_E_ALL_UPDATES_FAILED), not installed (automatic rollback is off)');
    expect(steps(done, 'win-1')).toEqual(['connect started', 'connect ok', 'preflight started', 'preflight ok', 'install started', 'reboot started', 'reboot ok', 'install ok', 'end failed']);
    expect(host('win-1').events.filter((event) => event.startsWith('register '))).toEqual(['register search 0', 'register install 1', 'register install 2', 'register installed 3']);
    expect(host('win-1').updates.map((each) => `KB${each.kb} ${each.installed ? 'installed' : 'not installed'}`)).toEqual(['KB5034441 installed', 'KB5034439 installed', 'KB5034122 not installed']);

    // win-2: the pinned update, a reboot WUA asked for (a new LastBootUpTime), a fresh collection listing the KB.
    const win2 = hostOf(done, 'win-2');
    expect(win2).toMatchObject({ rebooted: true, message: 'installed KB5034441' });
    expect(win2?.bootIdAfter).not.toBe(win2?.bootIdBefore);
    expect(Number(win2?.bootIdAfter) - Number(win2?.bootIdBefore)).toBe(36_000_000_000);
    expect(win2?.verifiedAt).not.toBeNull();
    expect(win2?.packages).toMatchObject([{ name: 'KB5034441', observedVersion: pinOf(CUMULATIVE) }]);
    expect(steps(done, 'win-2')).toEqual(['connect started', 'connect ok', 'preflight started', 'preflight ok', 'install started', 'reboot started', 'reboot ok', 'install ok', 'verify started', 'verify ok', 'end ok']);
    expect(host('win-2').events).toContain('collect');
    expect(host('win-2').boots()).toBe(1);

    // win-3: WUA now offers revision 201 only; the pinned revision 200 is not offered, so nothing is installed.
    expect(hostOf(done, 'win-3')?.message).toBe('KB5034441 was not offered to this host by Windows Update and is not installed');
    expect(revised.installed).toBe(false);
    expect(fleet.host('lin-1')?.installed.get('lab-hello')).toBe('1.1');
    expect(polls.every((ms) => ms === 5000)).toBe(true);

    // Rollback on demand: win-2's KB is uninstalled and collected gone; win-1's servicing stack update cannot be.
    const rollback = service.rollback(planned.id, [hostOf(done, 'win-2')?.assetId ?? 0, hostOf(done, 'win-1')?.assetId ?? 0]);
    await service.wait(rollback.jobId);
    const after = service.get(planned.id);
    expect(hostOf(after, 'win-2')).toMatchObject({ state: 'rolled_back', message: 'rolled back: uninstalled KB5034441' });
    expect(host('win-2').updates.find((each) => each.kb === CUMULATIVE)?.installed).toBe(false);
    // wusa answered 3010: the uninstall completes at the restart, so the host reboots before the collection judges it.
    expect(steps(after, 'win-2').slice(-6)).toEqual(['rollback started', 'rollback ok', 'reboot started', 'reboot ok', 'verify rollback started', 'verify rollback ok']);
    expect(host('win-2').boots()).toBe(2);
    expect(hostOf(after, 'win-2')?.events.find((event) => event.step === 'rollback' && event.outcome === 'ok')?.outputTail).toBe('KB5034441: uninstalled (wusa 3010)');
    expect(hostOf(done, 'win-1')?.events.find((event) => event.step === 'install' && event.outcome === 'ok')?.outputTail).toBe(
      ['KB5034122: failed (0x80240022 WU_E_ALL_UPDATES_FAILED) in round 2, not installed', 'KB5034439: succeeded in round 1, installed', 'KB5034441: succeeded in round 1, installed', '2 rounds'].join('\n'),
    );
    expect(hostOf(after, 'win-1')).toMatchObject({ state: 'rollback_failed', message: 'rollback not possible: KB5034439 cannot be uninstalled: Windows marks it not uninstallable; nothing was done to it; KB5034441 uninstalled' });
    expect(host('win-1').updates.map((each) => `KB${each.kb} ${each.installed ? 'installed' : 'not installed'}`)).toEqual(['KB5034441 not installed', 'KB5034439 installed', 'KB5034122 not installed']);
    const rows = service.deploymentRows(planned.siteId, '2026-12-07T00:00:00.000Z', '2026-12-08T00:00:00.000Z');
    expect(rows.find((row) => row.hostname === 'win-2')?.packages).toBe(`KB5034441 "2026-12 Cumulative Update for Windows Server 2022 (KB5034441)" update ${pinOf(CUMULATIVE)}`);
    const audit = (core.db.prepare("SELECT action FROM audit_log WHERE entity_type = 'rollout' ORDER BY id").all() as { action: string }[]).map((row) => row.action);
    expect(audit).toEqual(expect.arrayContaining(['rollout-previewed', 'rollout-approved', 'rollout-host-failed', 'rollout-host-installed', 'rollout-rollback-requested', 'rollout-host-rollback-step', 'rollout-host-rolled-back', 'rollout-host-rollback-failed']));
  });

  it('after Patchdesk stopped mid-install on a Windows host, reads the installed update again through WUA and resumes without installing it twice', async () => {
    const { core, service, plan, host, hostOf } = await setup({ 'win-1': [update(CUMULATIVE)] });
    const planned = plan({ kind: 'all' }, [{ name: 'test', hosts: ['win-1'] }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    // What a killed process leaves: the rollout running, the host mid-install, the update in already.
    const repository = new RolloutsRepository(core.db);
    repository.setState(planned.id, 'running', '');
    const [win] = repository.hosts(planned.id);
    repository.updateHost(win?.id ?? 0, { state: 'running', step: 'install', attempts: 1 });
    (host('win-1').updates[0] as SimulatedUpdate).installed = true;

    const recovered = await service.recoverInterrupted(planned.id);
    expect(recovered.state).toBe('interrupted');
    expect(hostOf(recovered, 'win-1')).toMatchObject({ state: 'pending', message: `interrupted during "install"; found KB5034441 ${pinOf(CUMULATIVE)}` });
    const resumed = service.resume(planned.id);
    await service.wait(resumed.jobId);
    const done = service.get(planned.id);
    expect(hostOf(done, 'win-1')).toMatchObject({ state: 'nothing_to_do', message: 'the planned updates are installed already: nothing to do' });
    expect(host('win-1').events.filter((event) => event.startsWith('register '))).toEqual(['register search 0', 'register installed 1', 'register install 1', 'register installed 2']);
  });

  it('takes security updates only (or all) from what the collection found pending, and refuses a later host Windows Update offers another revision at the preview', async () => {
    const { service, plan, host, hostOf } = await setup({
      'win-1': [update(CUMULATIVE), update('5033920', { title: 'Update for Windows Server 2022 (KB5033920)', severity: undefined })],
      'win-2': [update(CUMULATIVE, { revision: 201 }), update('5033920', { title: 'Update for Windows Server 2022 (KB5033920)', severity: undefined })],
    });
    const security = plan({ kind: 'security' }, [
      { name: 'test', hosts: ['win-1'] },
      { name: 'pilot', hosts: ['win-2'] },
    ]);
    const previewed = await service.preview(security.id);
    expect(hostOf(previewed, 'win-1')?.packages.map((item) => item.name)).toEqual(['KB5034441']);
    expect(hostOf(previewed, 'win-1')?.rebootExpected).toBe(false);
    expect(hostOf(previewed, 'win-2')?.previewProblem).toBe(`KB5034441: the first ring got update ${pinOf(CUMULATIVE)}; Windows Update now offers this host ${pinOf(CUMULATIVE, 201)}, so the pinned update is no longer offered`);
    expect(previewed.state).toBe('planned');
    expect(host('win-2').tasks()).toEqual([]);

    service.cancel(security.id);
    const all = plan({ kind: 'all' }, [{ name: 'test', hosts: ['win-1'] }]);
    expect((await service.preview(all.id)).hosts[0]?.packages.map((item) => item.name)).toEqual(['KB5033920', 'KB5034441']);

    // Named by its update id, the update is still pinned for the later ring by id and revision.
    service.cancel(all.id);
    const byId = plan({ kind: 'packages', kbs: [update(CUMULATIVE).updateId.toUpperCase()] }, [
      { name: 'test', hosts: ['win-1'] },
      { name: 'pilot', hosts: ['win-2'] },
    ]);
    const pinnedById = await service.preview(byId.id);
    expect(hostOf(pinnedById, 'win-1')?.packages.map((item) => `${item.name} ${item.toVersion}`)).toEqual([`KB5034441 ${pinOf(CUMULATIVE)}`]);
    expect(hostOf(pinnedById, 'win-2')?.previewProblem).toBe(`KB5034441: the first ring got update ${pinOf(CUMULATIVE)}; Windows Update now offers this host ${pinOf(CUMULATIVE, 201)}, so the pinned update is no longer offered`);
  });
});
