import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Site } from '../../../shared/contract/sites';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { createRemoteExecutor } from '../remote/executor/remote-executor';
import { openWinRmHost } from './winrm-host-access';

afterEach(removeTempDirs);

async function setup(port: number, authMethod: 'ntlm' | 'basic') {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
  await call(core, 'vault:setup', { passphrase: 'a long master passphrase' });
  const credential = await call<{ id: number }>(core, 'credentials:create', { siteId: site.id, name: 'domain', kind: 'winrm', username: 'CORP\\patch', secrets: { authMethod, password: 'Secret-1' } });
  const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'dc1', addresses: ['10.0.0.9'], tags: ['windows'], access: { method: 'winrm', port, username: '' } } });
  await call(core, 'credentials:bind', { credentialId: credential.id, tags: ['windows'] });
  const patchStatus = new PatchStatusRepository(core.db);
  const deps = { vault: core.services.vault, patchStatus, executor: createRemoteExecutor() };
  return { core, asset, patchStatus, deps };
}

describe('openWinRmHost', () => {
  it('reaches a host over HTTP with NTLM and the mapped credential, and over HTTPS only with the certificate a collection pinned', async () => {
    const http = await setup(5985, 'ntlm');
    const opened = openWinRmHost(http.deps, http.asset, 'rollout');
    expect(opened.ok && opened.context.target).toEqual({ protocol: 'winrm', name: 'dc1', winrm: { host: '10.0.0.9', port: 5985, https: false, auth: 'ntlm', username: 'CORP\\patch', password: 'Secret-1' } });
    await http.core.close();

    const https = await setup(5986, 'basic');
    expect(openWinRmHost(https.deps, https.asset, 'rollout')).toEqual({ ok: false, reason: 'no WinRM certificate is pinned for 10.0.0.9:5986: collect the host once (and check its certificate) before rolling out to it' });
    https.patchStatus.pinKey(https.asset.id, '10.0.0.9:5986', 'x509-sha256', 'AB:CD', 'ana', '2026-12-07T20:00:00.000Z');
    const pinned = openWinRmHost(https.deps, https.asset, 'rollout');
    expect(pinned.ok && pinned.context.target.protocol === 'winrm' && pinned.context.target.winrm).toMatchObject({ https: true, auth: 'basic', trust: { kind: 'fingerprint', sha256: 'AB:CD' } });
    await call(https.core, 'vault:lock', {});
    expect(openWinRmHost(https.deps, https.asset, 'rollout')).toEqual({ ok: false, reason: 'the credentials vault is locked: unlock it first' });
    await https.core.close();
  });
});
