import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Credential } from '../../../shared/contract/credentials';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore, type AppCore } from '../../core/app-core';
import { labUnavailableReason } from '../../test-support/package-lab/lab-available';
import type { LabHost } from '../../test-support/package-lab/lab-host';
import { labRemoteTarget } from '../../test-support/package-lab/lab-remote-target';
import { labLayout, type LabLayout } from '../../test-support/package-lab/lab-layout';
import { downPackageLab, upPackageLab } from '../../test-support/package-lab/package-lab';
import { call } from '../../test-support/test-core';
import { createRemoteExecutor, type RemoteExecutor } from '../remote/executor/remote-executor';
import { LAB_TEST_ADDRESSES } from '../../test-support/package-lab/lab-test-addresses';

// Its own state folder and addresses (LAB_TEST_ADDRESSES.rolloutsFamilies), so it never meets another lab.
const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-rollouts-families-')) };
const unavailable = labUnavailableReason(layout);
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-rollouts-families-data-'));
const PASSPHRASE = 'lab rollouts families passphrase';
const manualTimers = { every: () => () => undefined };
let hosts: LabHost[] = [];
let executor: RemoteExecutor;
let core: AppCore | undefined;
let siteId = 0;

const byFamily = (family: string) => {
  const found = hosts.find((lab) => lab.family === family);
  if (!found) throw new Error(`no ${family} lab host`);
  return found;
};
const shell = async (lab: LabHost, command: string) => (await executor.run(labRemoteTarget(lab), command, { timeoutMs: 60_000, expectedExitCodes: [0, 1] })).stdout.trim();
const rpmVersion = (lab: LabHost, name: string) => shell(lab, `rpm -q --qf '%{VERSION}-%{RELEASE}' ${name}`);
const openCore = () => openAppCore({ dataDir, mode: 'cli', actor: 'lab-admin', jobTimers: manualTimers, rolloutLimits: { lockTimeoutSeconds: 2 } });

async function assetIdOf(lab: LabHost): Promise<number> {
  const assets = await call<Asset[]>(requireCore(), 'assets:list', { siteId });
  return assets.find((asset) => asset.hostname === lab.name)?.id ?? 0;
}
function requireCore(): AppCore {
  if (!core) throw new Error('no core open');
  return core;
}

describe.skipIf(unavailable !== null)(`rollouts on real dnf, zypper and pacman hosts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    const lab = await upPackageLab(layout, { hosts: 3, families: ['dnf', 'zypper', 'pacman'], addressPrefix: LAB_TEST_ADDRESSES.rolloutsFamilies, rebootDownSeconds: 1 });
    hosts = lab.hosts;
    executor = createRemoteExecutor();
    // The lab's dnf, zypper and pacman hosts sit on the Debian base root, and the collector takes
    // apt-get first when it finds it: hidden on these hosts, so they collect as what they stand for.
    for (const host of hosts) await shell(host, 'mv /usr/bin/apt-get /usr/bin/apt-get.lab-hidden');
    // The pacman host comes without a sync database, which the collector's checkupdates reads.
    // Its failing install scriptlet is removed first: Arch upgrades all or nothing, and this test is about the whole set going and coming back.
    await shell(byFamily('pacman'), 'LC_ALL=C pacman -Rdd --noconfirm lab-postinst-fails </dev/null && LC_ALL=C pacman -Sy </dev/null');
    // The collector reads pending updates from cached metadata only, and refuses "nothing pending"
    // from a host that has none: refresh it as an admin would have.
    await shell(byFamily('dnf'), 'LC_ALL=C dnf -q -y makecache </dev/null');
    await shell(byFamily('zypper'), 'LC_ALL=C zypper -n -q refresh </dev/null');
    core = openCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Families', timezone: 'UTC' });
    siteId = site.id;
    for (const host of hosts) await call<Asset>(core, 'assets:create', { siteId, fields: { hostname: host.name, addresses: [host.address], deviceType: 'server', osFamily: 'linux', access: { method: 'ssh', port: host.port, username: 'root' } } });
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const credential = await call<Credential>(core, 'credentials:create', { siteId, name: 'Lab root', kind: 'ssh', username: 'root', secrets: { authMethod: 'key', privateKey: readFileSync(lab.keyFile, 'utf8') } });
    const assets = await call<Asset[]>(core, 'assets:list', { siteId });
    await call(core, 'credentials:bind', { credentialId: credential.id, assetIds: assets.map((asset) => asset.id) });
    // The first collection pins each host key and records each host's package manager and pending updates.
    const started = await call<{ jobId: string }>(core, 'collect:start', { siteId });
    const run = await core.services.collections.wait(started.jobId);
    expect(run, JSON.stringify(run)).toMatchObject({ hostsOk: 3, hostsFailed: 0 });
  }, 900_000);

  afterAll(async () => {
    await core?.close();
    await executor?.close();
    await downPackageLab(layout);
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('plans, previews (pinned RPM versions, rollback from the repository), approves, runs the dnf test ring and the zypper pilot ring, then rolls both back to the recorded versions', async () => {
    const app = requireCore();
    const dnf = byFamily('dnf');
    const zypper = byFamily('zypper');
    const planned = await call<RolloutDetail>(app, 'rollouts:plan', {
      siteId,
      name: 'RPM families',
      selection: { kind: 'packages', packages: ['lab-hello'] },
      rings: [
        { name: 'test', assetIds: [await assetIdOf(dnf)], concurrency: 1 },
        { name: 'pilot', assetIds: [await assetIdOf(zypper)], concurrency: 1 },
      ],
      failureBudget: '0',
      rebootPolicy: 'never',
    });
    const previewed = await call<RolloutDetail>(app, 'rollouts:preview', { rolloutId: planned.id });
    expect(previewed.hosts.map((host) => host.previewProblem)).toEqual(['', '']);
    expect(previewed.state).toBe('previewed');
    expect(previewed.hosts.map((host) => host.packages.map((item) => `${item.name} ${item.fromVersion}→${item.toVersion} ${item.rollbackSource}`))).toEqual([['lab-hello 1.0-1→1.1-1 repository'], ['lab-hello 1.0-1→1.1-1 repository']]);

    await call(app, 'rollouts:approve', { rolloutId: planned.id });
    const started = await call<{ jobId: string }>(app, 'rollouts:start', { rolloutId: planned.id });
    await app.services.rollouts.wait(started.jobId);
    const done = await call<RolloutDetail>(app, 'rollouts:get', { rolloutId: planned.id });
    expect(done.hosts.map((host) => `${host.hostname} ${host.state}`)).toEqual([`${dnf.name} installed`, `${zypper.name} installed`]);
    expect(await rpmVersion(dnf, 'lab-hello')).toBe('1.1-1');
    expect(await rpmVersion(zypper, 'lab-hello')).toBe('1.1-1');

    const rollback = await call<{ jobId: string }>(app, 'rollouts:rollback', { rolloutId: planned.id });
    await app.services.rollouts.wait(rollback.jobId);
    const rolled = await call<RolloutDetail>(app, 'rollouts:get', { rolloutId: planned.id });
    expect(rolled.hosts.map((host) => `${host.state} ${host.message}`)).toEqual(['rolled_back rolled back to lab-hello 1.0-1', 'rolled_back rolled back to lab-hello 1.0-1']);
    expect(await rpmVersion(dnf, 'lab-hello')).toBe('1.0-1');
    expect(await rpmVersion(zypper, 'lab-hello')).toBe('1.0-1');
  }, 600_000);

  it('refuses a pacman plan that is not the whole pending set in the preview, then runs the full upgrade and rolls it back from the package cache', async () => {
    const app = requireCore();
    const pacman = byFamily('pacman');
    const assetId = await assetIdOf(pacman);
    const ring = [{ name: 'test', assetIds: [assetId], concurrency: 1 }];
    const partial = await call<RolloutDetail>(app, 'rollouts:plan', { siteId, name: 'Arch subset', selection: { kind: 'packages', packages: ['lab-hello'] }, rings: ring, failureBudget: '0', rebootPolicy: 'never' });
    const refused = await call<RolloutDetail>(app, 'rollouts:preview', { rolloutId: partial.id });
    expect(refused.state).not.toBe('previewed');
    expect(refused.hosts[0]?.previewProblem).toMatch(/^full upgrades only \(partial upgrades are unsupported on Arch\), and this plan is not the host's pending set: lab-\S+ 1\.1-1 is pending but not in the plan/);

    const full = await call<RolloutDetail>(app, 'rollouts:plan', { siteId, name: 'Arch full', selection: { kind: 'all', packages: [] }, rings: ring, failureBudget: '0', rebootPolicy: 'never' });
    const previewed = await call<RolloutDetail>(app, 'rollouts:preview', { rolloutId: full.id });
    expect(previewed.hosts[0]?.previewProblem ?? '').toBe('');
    const moved = previewed.hosts[0]?.packages ?? [];
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((item) => item.fromVersion === '1.0-1' && item.toVersion === '1.1-1' && item.rollbackSource === 'cache')).toBe(true);
    await call(app, 'rollouts:approve', { rolloutId: full.id });
    const started = await call<{ jobId: string }>(app, 'rollouts:start', { rolloutId: full.id });
    await app.services.rollouts.wait(started.jobId);
    const done = await call<RolloutDetail>(app, 'rollouts:get', { rolloutId: full.id });
    expect(done.hosts.map((host) => host.state)).toEqual(['installed']);
    expect(await shell(pacman, 'pacman -Q lab-hello')).toBe('lab-hello 1.1-1');

    const rollback = await call<{ jobId: string }>(app, 'rollouts:rollback', { rolloutId: full.id });
    await app.services.rollouts.wait(rollback.jobId);
    const rolled = await call<RolloutDetail>(app, 'rollouts:get', { rolloutId: full.id });
    expect(rolled.hosts.map((host) => host.state)).toEqual(['rolled_back']);
    expect(await shell(pacman, 'pacman -Q lab-hello')).toBe('lab-hello 1.0-1');
  }, 600_000);
});
