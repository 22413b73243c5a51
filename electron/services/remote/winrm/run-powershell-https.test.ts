import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { fetchCertificateFingerprint } from './http/certificate-probe';
import { runPowerShell } from './run-powershell';
import { makeSelfSignedCertificate } from './test-support/self-signed-cert';
import { type WinRmTestServer, startWinRmTestServer } from './test-support/winrm-test-server';
import { WinRmError } from './winrm-error';
import type { WinRmTarget } from './winrm-target';

const PASSWORD = 'c0rrect-Horse!';
const accounts = [{ user: 'patchbot', domain: 'PATCHLAB', password: PASSWORD }];
const limits = { timeoutMs: 20_000, maxOutputBytes: 100_000 };
let certificate: { key: string; cert: string };
const servers: WinRmTestServer[] = [];

beforeAll(() => {
  certificate = makeSelfSignedCertificate();
});
afterAll(removeTempDirs);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: { basic?: boolean; requireChannelBindings?: boolean } = {}): Promise<WinRmTestServer> {
  const server = await startWinRmTestServer({ accounts, https: certificate, ...options, behave: () => ({ stdout: '{"ok":true}' }) });
  servers.push(server);
  return server;
}

function target(server: WinRmTestServer, overrides: Partial<WinRmTarget>): WinRmTarget {
  return { host: server.host, port: server.port, https: true, auth: 'basic', username: 'patchbot', password: PASSWORD, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<WinRmError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WinRmError);
  expect(`${String(error)}${(error as Error).stack}${JSON.stringify(error)}`).not.toContain(PASSWORD);
  return error as WinRmError;
}

describe('runPowerShell over HTTPS', () => {
  it('probes the certificate, pins it on first use and runs with Basic', async () => {
    const server = await serve({ basic: true });
    const probe = await fetchCertificateFingerprint(server.host, server.port, { timeoutMs: 2000 });
    expect(probe).toMatchObject({ selfSigned: true, subject: 'CN=winhost.test' });
    expect(probe.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.requests).toEqual([]);

    const pin = probe.sha256.replace(/:/g, '').toLowerCase();
    const result = await runPowerShell(target(server, { trust: { kind: 'fingerprint', sha256: pin } }), 'Get-Service', limits);
    expect(result).toEqual({ stdout: '{"ok":true}', stderr: '', exitCode: 0, certificateSha256: probe.sha256 });
    expect(server.requests.every((request) => !request.encrypted && request.user === 'patchbot')).toBe(true);
    expect(server.openShells()).toEqual([]);
  });

  it('runs with NTLM bound to the certificate by channel bindings, trusting it as a CA', async () => {
    const server = await serve({ requireChannelBindings: true });
    const result = await runPowerShell(target(server, { auth: 'ntlm', username: 'PATCHLAB\\patchbot', trust: { kind: 'ca', ca: certificate.cert } }), 'x', limits);
    expect(result.stdout).toBe('{"ok":true}');
    expect(server.rejections).toEqual([]);
  });

  it('refuses an untrusted or mismatched certificate before sending credentials', async () => {
    const server = await serve({ basic: true });
    const untrusted = await failure(runPowerShell(target(server, { trust: { kind: 'ca' } }), 'x', limits));
    expect(untrusted.code).toBe('untrusted_certificate');
    expect(untrusted.certificateSha256).toMatch(/^[0-9A-F:]{95}$/);
    const mismatched = await failure(runPowerShell(target(server, { trust: { kind: 'fingerprint', sha256: 'AB'.repeat(32) } }), 'x', limits));
    expect(mismatched).toMatchObject({ code: 'untrusted_certificate', certificateSha256: untrusted.certificateSha256 });
    expect(server.requests).toEqual([]);
    expect(server.rejections).toEqual([]);
  });

  it('requires a trust decision for HTTPS', async () => {
    const server = await serve({ basic: true });
    expect((await failure(runPowerShell(target(server, {}), 'x', limits))).code).toBe('protocol_error');
  });

  it('fails with auth_failed on wrong Basic credentials or when Basic is disabled', async () => {
    const server = await serve({ basic: true });
    const trust = { kind: 'ca' as const, ca: certificate.cert };
    expect((await failure(runPowerShell(target(server, { trust, password: 'nope' }), 'x', limits))).code).toBe('auth_failed');
    const noBasic = await serve();
    expect((await failure(runPowerShell(target(noBasic, { trust }), 'x', limits))).code).toBe('auth_failed');
  });
});
