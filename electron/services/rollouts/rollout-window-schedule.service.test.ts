import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { RolloutPlanRequest } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { fakeDebianCollection } from './testing/fake-collection';
import { fakeFleet, fakeHost, type FakeHost } from './testing/fake-package-hosts';

afterEach(removeTempDirs);
const cores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

/** A core process (browser mode: it resumes work) whose heartbeat the test drives, on an injected clock. */
async function setup(start: string, mode: 'browser' | 'cli' = 'browser') {
  const hosts = [fakeHost('web', ['lab-hello'])];
  const fleet = fakeFleet(hosts);
  const clock = fixedClock(new Date(start));
  const core = openAppCore({ dataDir: makeTempDir(), mode, actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: () => fleet.family } });
  cores.push(core);
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web', deviceType: 'server', osFamily: 'linux' } });
  core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(hosts[0] as FakeHost, clock.now().toISOString()), null);
  // Mondays 22:00-00:00 Berlin time.
  await call(core, 'cycles:setWindows', { siteId: site.id, windows: [{ ring: 'test', weekdays: ['mon'], start: '22:00', durationMinutes: 120 }] });
  const service = core.services.rollouts;
  const planned = service.plan(RolloutPlanRequest.parse({ siteId: site.id, name: 'Night', selection: { kind: 'all' }, rings: [{ name: 'test', assetIds: [asset.id], windowRing: 'test' }] }));
  await service.preview(planned.id);
  service.approve(planned.id);
  await service.wait(service.start(planned.id).jobId);
  const moveTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());
  const auditActions = () => (core.db.prepare("SELECT action FROM audit_log WHERE entity_type = 'rollout' ORDER BY id").all() as { action: string }[]).map((row) => row.action);
  return { core, service, id: planned.id, moveTo, auditActions };
}

describe('a rollout waiting for its maintenance window', () => {
  it('resumes by itself when the next window opens in the site time zone, across the end of summer time', async () => {
    // Friday 2026-10-23 14:00 Berlin (CEST, UTC+2); the clocks go back on Sunday 25 October.
    const { core, service, id, moveTo, auditActions } = await setup('2026-10-23T12:00:00.000Z');
    const waiting = service.get(id);
    expect(waiting.state).toBe('waiting');
    // Monday 22:00 is CET (UTC+1) by then: 21:00 UTC, not the 20:00 a fixed offset would give.
    expect(waiting.resumeAt).toBe('2026-10-26T21:00:00.000Z');
    expect(waiting.stateReason).toContain('opens at 2026-10-26 22:00 Europe/Berlin');

    moveTo('2026-10-26T20:59:59.000Z');
    core.jobs.tick();
    expect(service.get(id).state).toBe('waiting');

    moveTo('2026-10-26T21:00:00.000Z');
    core.jobs.tick();
    const resumed = service.get(id);
    expect(resumed.state).toBe('running');
    expect(resumed.resumeAt).toBeNull();
    await service.wait(resumed.jobId ?? '');
    const done = service.get(id);
    expect(done.state).toBe('completed');
    expect(done.hosts.map((host) => host.state)).toEqual(['installed']);
    expect(auditActions()).toEqual(expect.arrayContaining(['rollout-waiting', 'rollout-window-opened', 'rollout-resumed', 'rollout-completed']));

    core.jobs.tick();
    expect(service.get(id).state).toBe('completed');
  });

  it('stays waiting when an admin halts it, and a CLI process never resumes it', async () => {
    const { core, service, id, moveTo } = await setup('2026-10-23T12:00:00.000Z', 'cli');
    moveTo('2026-10-26T21:30:00.000Z');
    core.jobs.tick();
    expect(service.get(id)).toMatchObject({ state: 'waiting', resumeAt: '2026-10-26T21:00:00.000Z' });
    service.halt(id);
    expect(service.get(id)).toMatchObject({ state: 'halted', resumeAt: null });
    expect(service.resumeDue(new Date('2026-10-26T21:30:00.000Z'))).toEqual([]);
  });
});
