import { execFile } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckSpec } from '../../../../shared/domain/rollouts/health-check';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import type { RemoteExecutor } from '../executor/remote-executor';
import { CHECK_CANNOT_RUN, runHealthCheck } from './health-check';
import type { OperationContext } from './operation-context';

afterEach(removeTempDirs);

/** Runs the check's script with this machine's real sh (the "host" is this machine, over loopback), with `path` as PATH. */
function localContext(path = process.env.PATH ?? ''): OperationContext {
  const executor: RemoteExecutor = {
    run: (_target, command, options) =>
      new Promise((resolve) => {
        execFile('sh', ['-c', command], { env: { PATH: path }, timeout: options.timeoutMs }, (error, stdout, stderr) => {
          const code = error && typeof error.code === 'number' ? error.code : 0;
          resolve({ stdout, stderr, exitCode: code });
        });
      }),
    close: async () => undefined,
  };
  return { executor, target: { name: 'this-machine' } as OperationContext['target'], sudo: false };
}

/** A PATH holding only the named tools of this machine (to take curl, ss, ... away). */
function pathWith(tools: string[]): string {
  const dir = makeTempDir('patchdesk-path-');
  for (const tool of ['sh', ...tools]) {
    for (const base of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
      try {
        symlinkSync(join(base, tool), join(dir, tool));
        break;
      } catch {
        // not in this folder
      }
    }
  }
  return dir;
}

let http: Server;
let httpPort = 0;
let listening: ReturnType<typeof createTcpServer>;
let openPort = 0;
let closedPort = 0;

beforeAll(async () => {
  http = createServer((request, response) => {
    response.statusCode = request.url === '/health' ? 200 : 503;
    response.end(request.url === '/health' ? 'ok' : 'down');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as AddressInfo).port;
  listening = createTcpServer();
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  openPort = (listening.address() as AddressInfo).port;
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await new Promise((resolve) => listening.close(resolve));
});

describe('health checks run as real scripts', () => {
  it('http: passes on the expected status, fails on another, with curl and with wget', async () => {
    for (const tools of [['curl'], ['wget', 'awk']]) {
      const context = localContext(pathWith(tools));
      expect(await runHealthCheck(context, parseCheckSpec(`http:http://127.0.0.1:${httpPort}/health`))).toMatchObject({ passed: true, reason: 'passed: HTTP 200' });
      expect(await runHealthCheck(context, parseCheckSpec(`http:http://127.0.0.1:${httpPort}/other=503`))).toMatchObject({ passed: true });
      expect(await runHealthCheck(context, parseCheckSpec(`http:http://127.0.0.1:${httpPort}/other`))).toMatchObject({ passed: false, reason: 'failed: answered HTTP 503, expected 200' });
    }
  });

  it('http: fails closed, saying why, when neither curl nor wget is there', async () => {
    const result = await runHealthCheck(localContext(pathWith([])), parseCheckSpec(`http:http://127.0.0.1:${httpPort}/health`));
    expect(result).toMatchObject({ passed: false, exitCode: CHECK_CANNOT_RUN, reason: 'failed closed: neither curl nor wget is on this host: the http check cannot run' });
  });

  it('port: open and closed, with ss and with bash alone; fails closed with neither', async () => {
    for (const tools of [['ss', 'grep'], ['bash']]) {
      const context = localContext(pathWith(tools));
      expect(await runHealthCheck(context, parseCheckSpec(`port:${openPort}`))).toMatchObject({ passed: true });
      expect((await runHealthCheck(context, parseCheckSpec(`port:${closedPort}`))).passed).toBe(false);
    }
    expect(await runHealthCheck(localContext(pathWith([])), parseCheckSpec(`port:${openPort}`))).toMatchObject({ passed: false, reason: 'failed closed: neither ss nor bash is on this host: the port check cannot run' });
  });

  it('unit: fails closed, saying why, without systemctl', async () => {
    expect(await runHealthCheck(localContext(pathWith([])), parseCheckSpec('unit:nginx'))).toMatchObject({ passed: false, reason: 'failed closed: systemctl is not on this host: the unit check cannot run' });
  });

  it('command: the exit code decides', async () => {
    expect(await runHealthCheck(localContext(), parseCheckSpec('command:exit 0'))).toMatchObject({ passed: true, reason: 'exited 0' });
    expect(await runHealthCheck(localContext(), parseCheckSpec('command:exit 4'))).toMatchObject({ passed: false, reason: 'exited 4' });
  });
});
