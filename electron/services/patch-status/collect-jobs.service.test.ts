import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { AssetPatchDetail, FleetStatus, HostCollection, HostKeyRecord } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import type { HostCollector, HostCollectResult } from './host-collector';

afterEach(removeTempDirs);

const SECRET = 'pa55word-never-shown';

function collection(at: string, pending: { name: string; security: boolean }[], extra: Partial<HostCollection> = {}): HostCollection {
  return {
    collectedAt: at,
    method: 'ssh',
    platform: 'linux',
    hostname: 'web1',
    os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' },
    packageManager: 'apt',
    uptimeSeconds: 1000,
    rebootRequired: false,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: 2,
    installed: [
      { name: 'openssl', version: '3.0.15-1~deb12u1', arch: 'amd64', status: 'installed' },
      { name: 'bash', version: '5.2.15-2+b7', arch: 'amd64', status: 'installed' },
    ],
    pending: pending.map((item) => ({ name: item.name, arch: 'amd64', installedVersion: '1', availableVersion: '2', repository: 'Debian-Security:12/stable-security', security: item.security, cves: [], advisories: [], kind: 'upgrade' as const })),
    installedKbs: [],
    device: null,
    warnings: [],
    ...extra,
  };
}

async function setup(collector: HostCollector) {
  const core = openTestCore({ collector });
  const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
  await call(core, 'vault:setup', { passphrase: 'a long master passphrase' });
  const credential = await call<{ id: number }>(core, 'credentials:create', { siteId: site.id, name: 'linux', kind: 'ssh', username: 'ops', secrets: { authMethod: 'password', password: SECRET } });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.0.0.1'], tags: ['linux'], access: { method: 'ssh', port: 22, username: '' } } });
  const db = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'db1', addresses: ['10.0.0.2'], tags: ['linux'], access: { method: 'ssh', port: 22, username: '' } } });
  await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'nas', addresses: ['10.0.0.3'], access: { method: 'ssh', port: 22, username: '' } } });
  await call(core, 'credentials:bind', { credentialId: credential.id, tags: ['linux'] });
  return { core, site, web, db };
}

async function collect(core: ReturnType<typeof openTestCore>, siteId: number) {
  const started = await call<{ jobId: string }>(core, 'collect:start', { siteId });
  return core.services.collections.wait(started.jobId);
}

describe('CollectJobsService', () => {
  it('stores each host on its own, keeps the first-seen date of a missing fix and resolves fixed ones', async () => {
    let round = 0;
    const collector: HostCollector = async (request): Promise<HostCollectResult> => {
      expect(request.secrets).toEqual({ authMethod: 'password', password: SECRET });
      if (request.asset.hostname === 'db1') return { ok: false, code: 'auth_failed', message: 'ops@10.0.0.2:22 refused the password' };
      const at = round === 0 ? '2026-11-02T09:00:00.000Z' : '2026-11-12T09:00:00.000Z';
      const pending = round === 0 ? [{ name: 'openssl', security: true }, { name: 'bash', security: false }] : [{ name: 'openssl', security: true }, { name: 'curl', security: true }];
      return { ok: true, collection: collection(at, pending), presentedKey: { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:first' } };
    };
    const { core, site, web } = await setup(collector);
    const first = await collect(core, site.id);
    expect(first).toMatchObject({ status: 'completed', hostsTotal: 3, hostsOk: 1, hostsFailed: 2 });
    round = 1;
    core.clock.advance(10 * 86_400_000);
    await collect(core, site.id);

    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id });
    expect(detail.pending.map((update) => [update.name, update.firstSeenAt, update.ageDays])).toEqual([
      ['openssl', '2026-11-02T09:00:00.000Z', 10],
      ['curl', '2026-11-12T09:00:00.000Z', 0],
    ]);
    expect(detail.status).toMatchObject({ state: 'security_pending', pendingCount: 2, securityCount: 2, oldestSecurityAgeDays: 10 });
    expect(detail.history.map((entry) => entry.outcome)).toEqual(['ok', 'ok']);
    expect(detail.installed.map((item) => item.name)).toEqual(['bash', 'openssl']);

    const fleet = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    expect(fleet.counts).toMatchObject({ security_pending: 1, unreachable: 2 });
    const db1 = fleet.assets.find((asset) => asset.hostname === 'db1');
    expect(db1).toMatchObject({ state: 'unreachable', lastError: { code: 'auth_failed' } });
    const nas = fleet.assets.find((asset) => asset.hostname === 'nas');
    expect(nas).toMatchObject({ state: 'unreachable', lastError: { code: 'no_credential' } });
    expect(JSON.stringify(fleet)).not.toContain(SECRET);
    await core.close();
  });

  it('pins a host key on first use, stops the host when it changes, and collects again once the admin approves', async () => {
    let presented = 'SHA256:first';
    const collector: HostCollector = async (request) => {
      if (request.asset.hostname !== 'web1') return { ok: false, code: 'unreachable', message: 'no route' };
      if (request.pinnedKey && request.pinnedKey.fingerprint !== presented) {
        return { ok: false, code: 'host_key_changed', message: 'the host key changed', presentedKey: { algorithm: 'ssh-ed25519', fingerprint: presented } };
      }
      return { ok: true, collection: collection(new Date().toISOString(), []), presentedKey: { algorithm: 'ssh-ed25519', fingerprint: presented } };
    };
    const { core, site, web } = await setup(collector);
    await collect(core, site.id);
    expect(await call<HostKeyRecord[]>(core, 'hostkeys:list', { siteId: site.id })).toMatchObject([{ assetId: web.id, fingerprint: 'SHA256:first', state: 'pinned' }]);

    presented = 'SHA256:second';
    await collect(core, site.id);
    const keys = await call<HostKeyRecord[]>(core, 'hostkeys:list', { siteId: site.id });
    expect(keys.find((key) => key.state === 'changed')).toMatchObject({ fingerprint: 'SHA256:second', previousFingerprint: 'SHA256:first' });
    expect((await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id })).status.lastError).toMatchObject({ code: 'host_key_changed' });

    expect(await core.dispatcher.invoke('hostkeys:approve', { assetId: web.id, fingerprint: 'SHA256:other' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call(core, 'hostkeys:approve', { assetId: web.id, fingerprint: 'SHA256:second' });
    await collect(core, site.id);
    expect((await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id })).status).toMatchObject({ state: 'up_to_date', lastError: null });
    await core.close();
  });

  it('pins a WinRM HTTPS certificate on first use like an SSH host key', async () => {
    const collector: HostCollector = async (request) => {
      if (request.asset.hostname !== 'dc1') return { ok: false, code: 'unreachable', message: 'no route' };
      const presented = { algorithm: 'x509-sha256', fingerprint: 'AB:CD:EF' };
      if (request.pinnedKey && request.pinnedKey.fingerprint !== presented.fingerprint) return { ok: false, code: 'host_key_changed', message: 'changed', presentedKey: presented };
      return { ok: true, collection: collection(new Date().toISOString(), [], { method: 'winrm', platform: 'windows', hostname: 'DC1' }), presentedKey: presented };
    };
    const { core, site } = await setup(collector);
    await call(core, 'credentials:create', { siteId: site.id, name: 'domain', kind: 'winrm', username: 'CORP\\patch', secrets: { authMethod: 'basic', password: SECRET } });
    const dc = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'dc1', addresses: ['10.0.0.9'], tags: ['windows'], access: { method: 'winrm', port: 5986, username: '' } } });
    const winrm = (await call<{ id: number; kind: string }[]>(core, 'credentials:list', { siteId: site.id })).find((item) => item.kind === 'winrm');
    await call(core, 'credentials:bind', { credentialId: winrm?.id, assetIds: [dc.id] });
    await collect(core, site.id);
    expect((await call<HostKeyRecord[]>(core, 'hostkeys:list', { siteId: site.id })).find((key) => key.assetId === dc.id)).toMatchObject({ algorithm: 'x509-sha256', fingerprint: 'AB:CD:EF', state: 'pinned' });
    await core.close();
  });

  it('fails every host clearly while the vault is locked', async () => {
    const { core, site } = await setup(async () => ({ ok: false, code: 'internal', message: 'should not be called' }));
    await call(core, 'vault:lock', {});
    await collect(core, site.id);
    const fleet = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    expect(fleet.assets.filter((asset) => asset.hostname !== 'nas').map((asset) => asset.lastError?.code)).toEqual(['vault_locked', 'vault_locked']);
    const [job] = core.jobs.list({ kind: 'collect' });
    expect(job).toMatchObject({ state: 'succeeded', siteId: site.id, progress: { hostsTotal: 3, ok: 0, failed: 3 }, result: { status: 'completed', hostsFailed: 3 } });
    const steps = core.jobs.get(job?.id ?? '').steps;
    expect(steps).toHaveLength(3);
    expect(steps.every((step) => step.name === 'collect' && step.target.startsWith('asset:') && step.state === 'failed' && step.finishedAt !== null)).toBe(true);
    expect(steps.filter((step) => step.detail.startsWith('vault_locked: '))).toHaveLength(2);
    await core.close();
  });
});
