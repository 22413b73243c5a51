import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { md4 } from './crypto/md4';
import { runPowerShell } from './run-powershell';
import type { ScriptBehavior, WinRmTestServer } from './test-support/winrm-test-server';
import { startWinRmTestServer } from './test-support/winrm-test-server';
import { WinRmError } from './winrm-error';
import type { WinRmTarget } from './winrm-target';

const PASSWORD = 'Tr0ub4dor&3-secret';
const accounts = [{ user: 'patchbot', domain: 'PATCHLAB', password: PASSWORD }];
const servers: WinRmTestServer[] = [];
const errors: unknown[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(behave: (script: string) => ScriptBehavior): Promise<WinRmTestServer> {
  const server = await startWinRmTestServer({ accounts, behave });
  servers.push(server);
  return server;
}

function target(server: { host: string; port: number }, overrides: Partial<WinRmTarget> = {}): WinRmTarget {
  return { host: server.host, port: server.port, https: false, auth: 'ntlm', username: 'PATCHLAB\\patchbot', password: PASSWORD, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<WinRmError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  errors.push(error);
  expect(error).toBeInstanceOf(WinRmError);
  return error as WinRmError;
}

const limits = { timeoutMs: 20_000, maxOutputBytes: 1_000_000 };

describe('runPowerShell over HTTP with NTLM message encryption', () => {
  it('runs a script end to end and returns its output', async () => {
    const payload = JSON.stringify({ hotfixes: ['KB5034441', 'KB5034763'], rebootPending: false, name: 'Zoë' });
    const server = await serve((script) => (script.includes('Get-HotFix') ? { stdout: payload, stderr: 'warning: slow\n', chunks: 3 } : { exitCode: 9 }));
    const result = await runPowerShell(target(server), 'Get-HotFix | ConvertTo-Json', limits);

    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(payload));
    expect(result).toMatchObject({ stderr: 'warning: slow\n', exitCode: 0 });
    expect(server.scripts[0]).toContain('Get-HotFix | ConvertTo-Json');
    expect(server.requests.map((request) => request.action.split('/').at(-1))).toEqual(['Create', 'Command', 'Receive', 'Receive', 'Receive', 'Delete']);
    expect(server.requests.every((request) => request.encrypted && request.user === 'patchbot')).toBe(true);
    expect(server.requests.some((request) => /Get-HotFix|powershell|Envelope/i.test(request.rawBody.toString('latin1')))).toBe(false);
    expect(server.requests[0]?.options).toMatchObject({ WINRS_CODEPAGE: '65001' });
    expect(server.openShells()).toEqual([]);
  });

  it('reports a non-zero exit code with stderr', async () => {
    const server = await serve(() => ({ stderr: 'Access to the registry key is denied.', exitCode: 1 }));
    expect(await runPowerShell(target(server), 'exit 1', limits)).toMatchObject({ stdout: '', stderr: 'Access to the registry key is denied.', exitCode: 1 });
  });

  it('accepts a UPN', async () => {
    const server = await serve(() => ({ stdout: 'ok' }));
    expect((await runPowerShell(target(server, { username: 'patchbot@patchlab' }), 'x', limits)).stdout).toBe('ok');
  });

  it('fails with auth_failed on a wrong password or unknown user', async () => {
    const server = await serve(() => ({ stdout: 'never' }));
    expect((await failure(runPowerShell(target(server, { password: 'wrong-password' }), 'x', limits))).code).toBe('auth_failed');
    expect((await failure(runPowerShell(target(server, { username: 'PATCHLAB\\nobody' }), 'x', limits))).code).toBe('auth_failed');
    expect(server.rejections).toEqual(['wrong password', 'unknown user']);
    expect(server.scripts).toEqual([]);
  });

  it('turns a SOAP fault into a typed error and still deletes the shell', async () => {
    const server = await serve(() => ({ fault: { on: 'command', subcode: 'w:AccessDenied', reason: 'Access is denied.', wsmanCode: 5 } }));
    const error = await failure(runPowerShell(target(server), 'x', limits));
    expect(error).toMatchObject({ code: 'soap_fault', fault: { code: 's:Receiver', subcode: 'w:AccessDenied', reason: 'Access is denied.', wsmanCode: 5 } });
    expect(error.message).toContain('w:AccessDenied');
    expect(server.openShells()).toEqual([]);
  });

  it('keeps polling through w:TimedOut and times out, then terminates and deletes', async () => {
    const server = await serve(() => ({ hang: true }));
    const receives = () => server.requests.filter((request) => request.action.endsWith('/Receive')).length;
    // The run times out once it has polled through three w:TimedOut answers, however long they took.
    const deadline = new AbortController();
    const running = failure(runPowerShell(target(server), 'Start-Sleep 3600', { ...limits, timeoutMs: 600_000, deadline: deadline.signal }));
    await vi.waitFor(() => expect(receives()).toBeGreaterThan(2), { timeout: 20_000 });
    deadline.abort();
    const error = await running;
    expect(error.code).toBe('timeout');
    await vi.waitFor(() => expect(server.openShells()).toEqual([]));
    expect(server.signals).toEqual(['http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate']);
  });

  it('stops promptly when cancelled', async () => {
    const server = await serve(() => ({ hang: true }));
    const controller = new AbortController();
    const running = failure(runPowerShell(target(server), 'Start-Sleep 3600', { ...limits, timeoutMs: 600_000, signal: controller.signal }));
    // Cancelled while the command runs, with a timeout that cannot come first.
    await vi.waitFor(() => expect(server.requests.some((request) => request.action.endsWith('/Receive'))).toBe(true), { timeout: 20_000 });
    controller.abort();
    const error = await running;
    expect(error.code).toBe('cancelled');
    await vi.waitFor(() => expect(server.openShells()).toEqual([]));
    expect((await failure(runPowerShell(target(server), 'x', { ...limits, signal: controller.signal }))).code).toBe('cancelled');
  });

  it('bounds the output and the size of any one response', async () => {
    const server = await serve(() => ({ stdout: 'x'.repeat(300_000), chunks: 6 }));
    const error = await failure(runPowerShell(target(server), 'big', { ...limits, maxOutputBytes: 90_000 }));
    expect(error.code).toBe('output_limit');
    expect(server.requests.filter((request) => request.action.endsWith('/Receive'))).toHaveLength(2);
    await vi.waitFor(() => expect(server.signals).toHaveLength(1));
    expect(server.openShells()).toEqual([]);

    const oversized = await failure(runPowerShell(target(server), 'big', { ...limits, maxResponseBytes: 20_000 }));
    expect(oversized.code).toBe('output_limit');
  });

  it('reports a dropped connection as unreachable', async () => {
    const server = await serve(() => ({ drop: 'receive' }));
    expect((await failure(runPowerShell(target(server), 'x', limits))).code).toBe('unreachable');
  });

  it('reports a closed port as unreachable', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    expect((await failure(runPowerShell(target({ host: '127.0.0.1', port }), 'x', limits))).code).toBe('unreachable');
  });

  it('refuses Basic over plain HTTP before connecting', async () => {
    const server = await serve(() => ({ stdout: 'never' }));
    const error = await failure(runPowerShell(target(server, { auth: 'basic' }), 'x', limits));
    expect(error.code).toBe('protocol_error');
    expect(server.rejections).toEqual([]);
  });

  it('rejects scripts too long for a command line', async () => {
    await expect(runPowerShell(target({ host: '127.0.0.1', port: 9 }), 'x'.repeat(4000), limits)).rejects.toThrow(RangeError);
  });

  it('never puts the password or its hashes in an error', () => {
    expect(errors.length).toBeGreaterThan(8);
    const secrets = [PASSWORD, Buffer.from(PASSWORD).toString('base64'), md4(Buffer.from(PASSWORD, 'utf16le')).toString('hex'), 'wrong-password'];
    for (const error of errors) {
      const seen = [String(error), (error as Error).stack ?? '', JSON.stringify(error), JSON.stringify(Object.entries(error as object))].join('\n');
      for (const secret of secrets) expect(seen.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
