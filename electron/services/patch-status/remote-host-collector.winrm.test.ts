/**
 * The real collector's WinRM path against the WS-Management test endpoint over HTTPS: the
 * certificate is presented for pinning on first use, and a certificate that no longer matches
 * the pinned one stops the host as a changed host key, with both fingerprints named.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { makeSelfSignedCertificate } from '../remote/winrm/test-support/self-signed-cert';
import { startWinRmTestServer, type WinRmTestServer } from '../remote/winrm/test-support/winrm-test-server';
import { removeTempDirs } from '../../test-support/temp-dir';
import { createRemoteHostCollector } from './remote-host-collector';
import type { HostCollectRequest } from './host-collector';

const PASSWORD = 'c0rrect-Horse!';
const collection = {
  schema: 1,
  hostname: 'SRV-FILE01',
  os: { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', build: '20348', ubr: 2340, displayVersion: '21H2', releaseId: '2009', installationType: 'Server', productType: 3, lastBoot: '2026-11-13T08:00:00Z' },
  hotfixes: [{ id: 'KB5034439', description: 'Security Update', installedOn: '2026-10-14' }],
  updates: [],
  reboot: { reasons: [] },
  warnings: [],
};
const output = `# patchdesk-collection v1 platform=windows\r\n${JSON.stringify(collection)}\r\n=== patchdesk end ===\r\n`;

let certificate: { key: string; cert: string };
let other: { key: string; cert: string };
const servers: WinRmTestServer[] = [];

beforeAll(() => {
  certificate = makeSelfSignedCertificate();
  other = makeSelfSignedCertificate();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(removeTempDirs);

async function serve(https: { key: string; cert: string }): Promise<WinRmTestServer> {
  const server = await startWinRmTestServer({ accounts: [{ user: 'patchbot', domain: 'PATCHLAB', password: PASSWORD }], https, basic: true, behave: () => ({ stdout: output }) });
  servers.push(server);
  return server;
}

function request(server: WinRmTestServer, pinnedKey?: HostCollectRequest['pinnedKey']): HostCollectRequest {
  const asset = { id: 1, hostname: 'srv-file01', access: { method: 'winrm', port: server.port, username: 'patchbot' } } as unknown as Asset;
  return {
    asset,
    host: server.host,
    port: server.port,
    username: 'patchbot',
    secrets: { authMethod: 'basic', password: PASSWORD },
    ...(pinnedKey ? { pinnedKey } : {}),
    // Generous, so a loaded machine cannot turn the test server's answer into a timeout.
    connectTimeoutMs: 20_000,
    commandTimeoutMs: 25_000,
    signal: new AbortController().signal,
    onPhase: () => undefined,
  };
}

describe('collecting over WinRM HTTPS', () => {
  it('collects and presents the certificate for pinning on first use, then accepts the pinned one', async () => {
    const server = await serve(certificate);
    const collect = createRemoteHostCollector();
    const first = await collect(request(server));
    expect(first).toMatchObject({ ok: true, collection: { hostname: 'SRV-FILE01', platform: 'windows' }, presentedKey: { algorithm: 'x509-sha256' } });
    if (!first.ok || !first.presentedKey) throw new Error('no certificate presented');
    const again = await collect(request(server, first.presentedKey));
    expect(again).toMatchObject({ ok: true, presentedKey: first.presentedKey });
  });

  it('stops a host whose certificate changed, naming both fingerprints, and never sends the password', async () => {
    const original = await serve(certificate);
    const first = await createRemoteHostCollector()(request(original));
    if (!first.ok || !first.presentedKey) throw new Error('no certificate presented');
    await original.close();

    const replaced = await serve(other);
    const changed = await createRemoteHostCollector()(request(replaced, first.presentedKey));
    expect(changed).toMatchObject({ ok: false, code: 'host_key_changed', previousKey: first.presentedKey, presentedKey: { algorithm: 'x509-sha256' } });
    if (changed.ok) throw new Error('unexpected success');
    expect(changed.presentedKey?.fingerprint).not.toBe(first.presentedKey.fingerprint);
    expect(changed.message).toContain(first.presentedKey.fingerprint);
    expect(changed.message).not.toContain(PASSWORD);
    expect(replaced.requests).toEqual([]);
  });
});
