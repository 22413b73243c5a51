import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { CycleDetail } from '../../../shared/contract/cycles';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import { RolloutPlanRequest } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { RolloutsRepository } from '../../db/repositories/rollouts.repository';
import { writeTransaction } from '../../db/write-transaction';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { fakeDebianCollection } from './testing/fake-collection';
import { fakeFleet, fakeHost, HEALTH_COMMAND, type FakeHost } from './testing/fake-package-hosts';

afterEach(removeTempDirs);

const cores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function setup(hosts: FakeHost[]) {
  const fleet = fakeFleet(hosts);
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  const core = Object.assign(openAppCore({ dataDir: makeTempDir(), mode: 'cli', actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: () => fleet.family } }), { clock });
  cores.push(core);
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const assets: Asset[] = [];
  for (const host of hosts) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: host.name, deviceType: 'server', osFamily: 'linux' } });
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(host, core.clock.now().toISOString(), { security: (name) => name !== 'lab-hello' }), null);
    assets.push(asset);
  }
  const service = core.services.rollouts;
  const id = (name: string) => assets.find((asset) => asset.hostname === name)?.id ?? 0;
  const plan = (rings: { name: string; hosts: string[]; concurrency?: number; gate?: object; windowRing?: 'test' | null }[], extra: object = {}) =>
    service.plan(
      RolloutPlanRequest.parse({
        siteId: site.id,
        name: 'December',
        selection: { kind: 'all' },
        rings: rings.map((ring) => ({ name: ring.name, assetIds: ring.hosts.map(id), concurrency: ring.concurrency ?? 1, ...(ring.gate ? { gate: ring.gate } : {}), ...(ring.windowRing !== undefined ? { windowRing: ring.windowRing } : {}) })),
        post: [{ command: HEALTH_COMMAND, timeoutSeconds: 30 }],
        failureBudget: '1',
        ...extra,
      }),
    );
  const runToEnd = async (rolloutId: number, action: 'start' | 'resume' = 'start') => {
    const started = action === 'start' ? service.start(rolloutId) : service.resume(rolloutId);
    await service.wait(started.jobId);
    return service.get(rolloutId);
  };
  const hostState = (detail: RolloutDetail, name: string) => detail.hosts.find((host) => host.hostname === name);
  return { core, site, service, fleet, plan, runToEnd, hostState, id };
}

const auditActions = (core: { db: { prepare: (sql: string) => { all: () => unknown[] } } }) => (core.db.prepare("SELECT action FROM audit_log WHERE entity_type = 'rollout' ORDER BY id").all() as { action: string }[]).map((row) => row.action);

describe('RolloutsService', () => {
  it('previews pinned versions, records the approval, runs three rings, rolls back a host whose post check fails and keeps the rest inside the budget', async () => {
    const hosts = [
      fakeHost('test-1', ['lab-hello']),
      fakeHost('test-2', ['lab-hello', 'lab-needs-reboot'], { needsReboot: new Set(['lab-needs-reboot']) }),
      fakeHost('pilot-1', ['lab-hello', 'lab-breaks-check'], { breaksHealth: new Set(['lab-breaks-check']) }),
      fakeHost('pilot-2', ['lab-hello']),
      fakeHost('broad-1', ['lab-hello']),
    ];
    const { core, service, plan, runToEnd, hostState, fleet } = await setup(hosts);
    const planned = plan([
      { name: 'test', hosts: ['test-1', 'test-2'] },
      { name: 'pilot', hosts: ['pilot-1', 'pilot-2'], concurrency: 2 },
      { name: 'broad', hosts: ['broad-1'] },
    ]);
    expect(planned.state).toBe('planned');
    // The mirror moves on after the test ring was previewed: later rings still get 1.1.
    fleet.host('broad-1')?.repository.set('lab-hello', ['1.0', '1.1', '1.2']);
    const previewed = await service.preview(planned.id);
    expect(previewed.state).toBe('previewed');
    expect(hostState(previewed, 'broad-1')?.packages).toMatchObject([{ name: 'lab-hello', fromVersion: '1.0', toVersion: '1.1', rollbackAvailable: true, rollbackSource: 'repository' }]);
    expect(hostState(previewed, 'test-2')?.slot).toMatch(/^now/);
    expect(() => service.start(planned.id)).toThrow(/previewed cannot be started/);
    const approved = service.approve(planned.id);
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'ana', approvedAt: '2026-11-02T09:00:00.000Z' });

    const done = await runToEnd(planned.id);
    expect(done.state).toBe('completed');
    expect(Object.fromEntries(done.hosts.map((host) => [host.hostname, host.state]))).toEqual({ 'test-1': 'installed', 'test-2': 'installed', 'pilot-1': 'rolled_back', 'pilot-2': 'installed', 'broad-1': 'installed' });
    expect(fleet.host('broad-1')?.installed.get('lab-hello')).toBe('1.1');
    expect(fleet.host('pilot-1')?.installed.get('lab-breaks-check')).toBe('1.0');
    expect(hostState(done, 'test-2')).toMatchObject({ rebooted: true, postChecksPassed: true });
    expect(hostState(done, 'test-2')?.bootIdAfter).not.toBe(hostState(done, 'test-2')?.bootIdBefore);
    expect(hostState(done, 'pilot-1')?.events.map((event) => `${event.step} ${event.outcome}`)).toContain('rollback ok');
    expect(done.budget).toEqual({ described: '1 host', allowed: 1, failures: 1, exhausted: false });
    expect(auditActions(core)).toEqual(expect.arrayContaining(['rollout-planned', 'rollout-previewed', 'rollout-approved', 'rollout-started', 'rollout-host-rollback-step', 'rollout-host-rolled-back', 'rollout-completed']));
    const rows = service.deploymentRows(planned.siteId, '2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z');
    expect(rows.map((row) => `${row.ring} ${row.hostname} ${row.state} ${row.rolledBack} ${row.packages}`)).toEqual([
      'test test-1 installed false lab-hello 1.0 → 1.1',
      'test test-2 installed false lab-hello 1.0 → 1.1; lab-needs-reboot 1.0 → 1.1',
      'pilot pilot-1 rolled_back true lab-breaks-check 1.0 → 1.1; lab-hello 1.0 → 1.1',
      'pilot pilot-2 installed false lab-hello 1.0 → 1.1',
      'broad broad-1 installed false lab-hello 1.0 → 1.1',
    ]);
    expect(rows[0]).toMatchObject({ approvedBy: 'ana', rolloutName: 'December' });
    expect(service.deploymentRows(planned.siteId, '2026-11-03T00:00:00.000Z', '2026-11-04T00:00:00.000Z')).toEqual([]);
  });

  it('stops starting hosts once the failure budget is spent', async () => {
    const hosts = [fakeHost('a', ['lab-hello'], { lockHolder: { pid: 4242, process: 'unattended-upgr' } }), fakeHost('b', ['lab-hello'], { lockHolder: { pid: 4243, process: 'apt-get' } }), fakeHost('c', ['lab-hello'])];
    const { service, plan, runToEnd, hostState } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['a', 'b', 'c'] }], { failureBudget: '1' });
    await service.preview(planned.id);
    service.approve(planned.id);
    const done = await runToEnd(planned.id);
    expect(done.state).toBe('halted');
    expect(done.stateReason).toMatch(/failure budget is spent: 2 failed, 1 host allowed/);
    expect(hostState(done, 'a')?.message).toMatch(/unattended-upgr \(pid 4242\)/);
    expect(hostState(done, 'c')?.state).toBe('pending');
  });

  it('judges faults per host: nothing to do, a version gone, a failing maintainer script recovered and rolled back, a changed host key, an unreachable host, a connection lost mid-install', async () => {
    const hosts = [
      fakeHost('done-already', ['lab-hello']),
      fakeHost('gone', ['lab-hello']),
      fakeHost('script', ['lab-postinst-fails'], { postinstFails: new Set(['lab-postinst-fails']) }),
      fakeHost('rekeyed', ['lab-hello']),
      fakeHost('away', ['lab-hello']),
      fakeHost('dropped', ['lab-hello'], { dropDuringInstall: true }),
    ];
    const { service, plan, runToEnd, hostState, fleet } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: hosts.map((host) => host.name), concurrency: 5 }], { failureBudget: '100%' });
    await service.preview(planned.id);
    service.approve(planned.id);
    fleet.host('done-already')?.installed.set('lab-hello', '1.1');
    fleet.host('gone')?.repository.set('lab-hello', ['1.0']);
    const rekeyed = fleet.host('rekeyed');
    if (rekeyed) rekeyed.hostKeyChanged = true;
    const away = fleet.host('away');
    if (away) away.down = true;
    const done = await runToEnd(planned.id);
    expect(hostState(done, 'done-already')).toMatchObject({ state: 'nothing_to_do' });
    expect(hostState(done, 'gone')).toMatchObject({ state: 'failed', message: expect.stringMatching(/version 1\.1 of lab-hello is no longer available/) });
    expect(hostState(done, 'script')).toMatchObject({ state: 'rolled_back', message: expect.stringMatching(/maintainer script failed.*recovered.*rolled back to lab-postinst-fails 1\.0/) });
    expect(fleet.host('script')?.commands).toContain('dpkg --configure -a');
    expect(hostState(done, 'rekeyed')).toMatchObject({ state: 'preflight_blocked', message: expect.stringMatching(/^stopped: the host key of rekeyed/) });
    expect(fleet.host('rekeyed')?.installed.get('lab-hello')).toBe('1.0');
    expect(hostState(done, 'away')).toMatchObject({ state: 'unreachable' });
    expect(hostState(done, 'dropped')).toMatchObject({ state: 'installed' });
    expect(hostState(done, 'dropped')?.events.find((event) => event.step === 'install' && event.outcome === 'ok')?.outputTail ?? '').toMatch(/connection dropped during the install[\s\S]*after the lost connection: lab-hello 1\.1/);
    expect(done.counts).toEqual({ hosts: 6, open: 0, success: 2, failure: 2, notAttempted: 2 });
  });

  it('refuses a preview that would remove a package nobody approved', async () => {
    const { service, plan, hostState } = await setup([fakeHost('web', ['lab-hello'], { removes: ['libimportant1'] })]);
    const planned = plan([{ name: 'all', hosts: ['web'] }]);
    const previewed = await service.preview(planned.id);
    expect(previewed.state).toBe('planned');
    expect(hostState(previewed, 'web')?.previewProblem).toMatch(/would remove libimportant1, which nobody approved/);
    expect(() => service.approve(planned.id)).toThrow(/planned cannot be approved/);
  });

  it('refuses a second rollout touching a host of one that is not finished', async () => {
    const { service, plan } = await setup([fakeHost('web', ['lab-hello']), fakeHost('db', ['lab-hello'])]);
    const first = plan([{ name: 'all', hosts: ['web'] }]);
    await service.preview(first.id);
    service.approve(first.id);
    expect(() => plan([{ name: 'all', hosts: ['db', 'web'] }])).toThrow(/refused: asset \d+ \(in rollout \d+ "December"\) is in another rollout/);
  });

  it('waits at a gate for an admin, who approves it; the rollout then resumes with the next ring', async () => {
    const { service, plan, runToEnd } = await setup([fakeHost('t', ['lab-hello']), fakeHost('p', ['lab-hello'])]);
    const planned = plan([
      { name: 'test', hosts: ['t'], gate: { manualApproval: true } },
      { name: 'pilot', hosts: ['p'] },
    ]);
    await service.preview(planned.id);
    service.approve(planned.id);
    const waiting = await runToEnd(planned.id);
    expect(waiting).toMatchObject({ state: 'waiting', stateReason: 'gate after ring test: an admin must approve the gate after ring test' });
    expect(waiting.hosts.map((host) => host.state)).toEqual(['installed', 'pending']);
    const ring = waiting.rings[0];
    service.approve(planned.id, ring?.id);
    const done = await runToEnd(planned.id, 'resume');
    expect(done.state).toBe('completed');
    expect(done.rings[0]).toMatchObject({ gateApprovedBy: 'ana' });
  });

  it('starts no new host once the ring window closes, and says when the next one opens', async () => {
    const hosts = [fakeHost('a', ['lab-hello']), fakeHost('b', ['lab-hello'])];
    const { core, site, service, plan, runToEnd, fleet } = await setup(hosts);
    // Monday 2026-11-02 10:00 Berlin (09:00 UTC), a 60-minute window: room for one 20-minute host plus the 30-minute buffer.
    await call(core, 'cycles:setWindows', { siteId: site.id, windows: [{ ring: 'test', weekdays: ['mon'], start: '10:00', durationMinutes: 60 }] });
    const planned = plan([{ name: 'test', hosts: ['a', 'b'], windowRing: 'test' }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    const first = fleet.host('a');
    if (first) first.afterInstall = () => core.clock.advance(15 * 60_000);
    const waiting = await runToEnd(planned.id);
    expect(waiting.state).toBe('waiting');
    expect(waiting.stateReason).toMatch(/^waiting for the maintenance window of ring test: no host starts when it cannot finish before the window closes; the next one that fits opens at 2026-11-09 10:00 Europe\/Berlin$/);
    expect(waiting.resumeAt).toBe('2026-11-09T09:00:00.000Z');
    expect(waiting.hosts.map((host) => host.state)).toEqual(['installed', 'pending']);
  });

  it('after Patchdesk stopped mid-ring, reads each host real state again, waits for the admin, and resumes correctly', async () => {
    const hosts = [fakeHost('a', ['lab-hello']), fakeHost('b', ['lab-hello'])];
    const { core, service, plan, runToEnd } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['a', 'b'] }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    // What a killed process leaves: the rollout running, host a mid-install with 1.1 already on disk.
    const repository = new RolloutsRepository(core.db);
    repository.setState(planned.id, 'running', '');
    const [a] = repository.hosts(planned.id);
    repository.updateHost(a?.id ?? 0, { state: 'running', step: 'install', attempts: 1 });
    hosts[0]?.installed.set('lab-hello', '1.1');

    const recovered = await service.recoverInterrupted(planned.id);
    expect(recovered.state).toBe('interrupted');
    expect(recovered.hosts[0]).toMatchObject({ state: 'pending', message: 'interrupted during "install"; found lab-hello 1.1' });
    expect(recovered.hosts[0]?.packages[0]).toMatchObject({ observedVersion: '1.1' });
    const done = await runToEnd(planned.id, 'resume');
    expect(done.state).toBe('completed');
    expect(done.hosts.map((host) => host.state)).toEqual(['nothing_to_do', 'installed']);
    expect(auditActions(core)).toEqual(expect.arrayContaining(['rollout-interrupted', 'rollout-resumed']));
  });

  it('when the engine finds the process gone, the rollout is interrupted and its resume reads the host left mid-way before going on', async () => {
    const hosts = [fakeHost('a', ['lab-hello']), fakeHost('b', ['lab-hello'])];
    const { core, service, plan, runToEnd } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['a', 'b'] }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    const repository = new RolloutsRepository(core.db);
    repository.setState(planned.id, 'running', '');
    repository.setJob(planned.id, 'gone-job');
    const [a] = repository.hosts(planned.id);
    repository.updateHost(a?.id ?? 0, { state: 'running', step: 'install', attempts: 1 });
    hosts[0]?.installed.set('lab-hello', '1.1');
    writeTransaction(core.db, () => service.markJobInterrupted('gone-job'));
    expect(service.get(planned.id)).toMatchObject({ state: 'interrupted' });
    const done = await runToEnd(planned.id, 'resume');
    expect(done.state).toBe('completed');
    expect(done.hosts.map((host) => host.state)).toEqual(['nothing_to_do', 'installed']);
    expect(done.hosts[0]?.events.map((event) => event.outcome === 'note' && event.message)).toContain('Patchdesk stopped during "install"; found lab-hello 1.1');
    const job = core.jobs.get(done.jobId ?? '');
    expect(job.steps.map((step) => `${step.target} ${step.name} ${step.state}`)).toContain('a read real state succeeded');
  });

  it('ticks the cycle it was started from: ring items, deployment and verification, with the rollout as evidence', async () => {
    const { core, site, plan, runToEnd, service } = await setup([fakeHost('t', ['lab-hello']), fakeHost('p', ['lab-hello']), fakeHost('b', ['lab-hello'])]);
    const cycle = await call<{ id: number }>(core, 'cycles:openBaseline', { siteId: site.id });
    const planned = plan(
      [
        { name: 'test', hosts: ['t'] },
        { name: 'pilot', hosts: ['p'] },
        { name: 'broad', hosts: ['b'] },
      ],
      { cycleId: cycle.id },
    );
    await service.preview(planned.id);
    service.approve(planned.id);
    expect((await runToEnd(planned.id)).state).toBe('completed');
    const after = await call<CycleDetail>(core, 'cycles:get', { cycleId: cycle.id });
    const done = after.items.filter((item) => item.state === 'done');
    expect(done.map((item) => item.key)).toEqual(['test-ring', 'pilot-ring', 'broad-deployment', 'verification-rescan']);
    expect(done[2]).toMatchObject({ note: expect.stringMatching(/^Rollout \d+ "December" completed: 3 hosts updated\./), evidence: [{ kind: 'file', name: `rollout-${planned.id}.json` }] });
  });

  it('leaves the deployment item for the admin when a host failed', async () => {
    const { core, site, plan, runToEnd, service } = await setup([fakeHost('t', ['lab-hello']), fakeHost('b', ['lab-hello'], { lockHolder: { pid: 9, process: 'apt' } })]);
    const cycle = await call<{ id: number }>(core, 'cycles:openBaseline', { siteId: site.id });
    const planned = plan([{ name: 'test', hosts: ['t'] }, { name: 'broad', hosts: ['b'] }], { cycleId: cycle.id });
    await service.preview(planned.id);
    service.approve(planned.id);
    await runToEnd(planned.id);
    const after = await call<CycleDetail>(core, 'cycles:get', { cycleId: cycle.id });
    expect(after.items.filter((item) => item.state === 'done').map((item) => item.key)).toEqual(['test-ring']);
  });

  it('skips the install when a pre step fails, and still runs the post steps', async () => {
    const { service, plan, runToEnd, hostState, fleet } = await setup([fakeHost('web', ['lab-hello'])]);
    const planned = plan([{ name: 'all', hosts: ['web'] }], { pre: [{ command: 'exit 3', timeoutSeconds: 5 }], failureBudget: '100%' });
    await service.preview(planned.id);
    service.approve(planned.id);
    const done = await runToEnd(planned.id);
    expect(hostState(done, 'web')).toMatchObject({ state: 'preflight_blocked', message: 'pre step 1 (exit 3) exited 3 on web: nothing was installed' });
    expect(fleet.host('web')?.installed.get('lab-hello')).toBe('1.0');
    expect(fleet.host('web')?.commands).toContain(HEALTH_COMMAND);
    expect(hostState(done, 'web')?.events.map((event) => `${event.step} ${event.outcome}`)).toContain('post 1 (after the failed pre step) ok');
  });

  it('a job cancelled between steps leaves the rollout interrupted, and its resume reads the host it cut short', async () => {
    const hosts = [fakeHost('a', ['lab-hello']), fakeHost('b', ['lab-hello'])];
    const { core, service, plan, runToEnd } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['a', 'b'] }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    const first = hosts[0];
    if (first) first.afterInstall = () => core.jobs.cancel(service.get(planned.id).jobId ?? '');
    const started = service.start(planned.id);
    await core.jobs.wait(started.jobId);
    if (first) first.afterInstall = undefined;
    const stopped = service.get(planned.id);
    expect(stopped.state).toBe('interrupted');
    expect(stopped.hosts.map((host) => host.state)).toEqual(['running', 'pending']);
    const done = await runToEnd(planned.id, 'resume');
    expect(done.state).toBe('completed');
    expect(done.hosts.map((host) => host.state)).toEqual(['nothing_to_do', 'installed']);
  });

  it('rolls back one host on demand, as an audited step, back to the recorded versions', async () => {
    const hosts = [fakeHost('a', ['lab-hello']), fakeHost('b', ['lab-hello'])];
    const { core, service, plan, runToEnd, id, hostState } = await setup(hosts);
    const planned = plan([{ name: 'all', hosts: ['a', 'b'], concurrency: 2 }]);
    await service.preview(planned.id);
    service.approve(planned.id);
    await runToEnd(planned.id);
    const started = service.rollback(planned.id, [id('b')]);
    await service.wait(started.jobId);
    const after = service.get(planned.id);
    expect(after.state).toBe('completed');
    expect(hostState(after, 'b')).toMatchObject({ state: 'rolled_back', message: 'rolled back to lab-hello 1.0' });
    expect(hostState(after, 'a')?.state).toBe('installed');
    expect(hosts[1]?.installed.get('lab-hello')).toBe('1.0');
    expect(auditActions(core)).toEqual(expect.arrayContaining(['rollout-rollback-requested', 'rollout-host-rollback-step']));
  });
});
