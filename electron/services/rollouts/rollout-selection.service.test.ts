import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { HostCollection } from '../../../shared/contract/patch-status';
import { RolloutPlanRequest } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call } from '../../test-support/test-core';
import { fakeDebianCollection } from './testing/fake-collection';
import { fakeFleet, fakeHost } from './testing/fake-package-hosts';

afterEach(removeTempDirs);
const cores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

type Pending = HostCollection['pending'][number];
const update = (name: string, extra: Partial<Pending> = {}): Pending => ({ name, installedVersion: '1.0', availableVersion: '1.1', repository: 'lab', security: false, cves: [], advisories: [], kind: 'upgrade', ...extra });

async function setup() {
  const web = fakeHost('web', ['lab-hello', 'lab-tls', 'lab-tools']);
  const db = fakeHost('db', ['lab-hello', 'lab-tools']);
  const fleet = fakeFleet([web, db]);
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  const core = openAppCore({ dataDir: makeTempDir(), mode: 'cli', actor: 'ana', clock, checkResponses: true, jobTimers: { every: () => () => undefined }, rolloutHosts: { access: fleet.access, family: () => fleet.family } });
  cores.push(core);
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const ids = new Map<string, number>();
  const pending: Record<string, Pending[]> = {
    web: [update('lab-hello', { advisories: ['DSA-5800-1'], security: true }), update('lab-tls', { security: true, severity: 'Important', cves: ['CVE-2026-1111'] }), update('lab-tools')],
    db: [update('lab-hello'), update('lab-tools', { security: true, severity: 'Low' })],
  };
  for (const host of [web, db]) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: host.name, deviceType: 'server', osFamily: 'linux' } });
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(host, clock.now().toISOString(), { pending: pending[host.name] ?? [] }), null);
    ids.set(host.name, asset.id);
  }
  const service = core.services.rollouts;
  const planned = async (selection: object, hosts = ['web', 'db']) => {
    const rollout = service.plan(RolloutPlanRequest.parse({ siteId: site.id, name: 'Selection', selection, rings: [{ name: 'all', assetIds: hosts.map((name) => ids.get(name) ?? 0) }] }));
    const previewed = await service.preview(rollout.id);
    return Object.fromEntries(previewed.hosts.map((host) => [host.hostname, host.packages.map((item) => item.name)]));
  };
  return { core, site, service, planned, ids };
}

describe('rollout selections beyond all, security and named packages', () => {
  it('takes exactly the updates that fix an advisory on the hosts triage finds affected, and refuses a host it does not', async () => {
    const { planned, service, site, ids } = await setup();
    expect(await planned({ kind: 'all', fixes: 'DSA-5800-1' }, ['web'])).toEqual({ web: ['lab-hello'] });
    expect(() => service.plan(RolloutPlanRequest.parse({ siteId: site.id, name: 'Too wide', selection: { kind: 'all', fixes: 'DSA-5800-1' }, rings: [{ name: 'all', assetIds: [ids.get('web') ?? 0, ids.get('db') ?? 0] }] }))).toThrow(/db has no pending update that fixes DSA-5800-1/);
  });

  it('narrows by severity (as the SLA normalises it) and by named advisories or CVEs', async () => {
    const { planned } = await setup();
    expect(await planned({ kind: 'all', minSeverity: 'high' })).toEqual({ web: ['lab-hello', 'lab-tls'], db: [] });
    expect(await planned({ kind: 'security', minSeverity: 'critical' })).toEqual({ web: [], db: [] });
    expect(await planned({ kind: 'all', advisories: ['cve-2026-1111', 'DSA-5800-1'] })).toEqual({ web: ['lab-hello', 'lab-tls'], db: [] });
  });

  it('refuses narrowing named packages, and an id that is no CVE, KB or advisory', () => {
    expect(RolloutPlanRequest.safeParse({ siteId: 1, name: 'x', selection: { kind: 'packages', packages: ['a'], minSeverity: 'high' }, rings: [{ name: 'all', assetIds: [1] }] }).success).toBe(false);
    expect(RolloutPlanRequest.safeParse({ siteId: 1, name: 'x', selection: { kind: 'all', fixes: '???' }, rings: [{ name: 'all', assetIds: [1] }] }).success).toBe(false);
  });
});
