import { execFile } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeHard, startTcpProbe, type ProbeOutcome } from './tcp-prober';
import { blackholePort, loopbackBlock, tcpServer, timeWaitCount, type BlackholePort, type TestServer } from './testing/loopback-servers';

// A generous default, so a loaded machine cannot turn an answer into a timeout; the outcome, not
// the elapsed time, tells which path the probe took.
function probe(address: string, port: number, timeoutMs = 30_000): Promise<{ outcome: ProbeOutcome; socket: Socket | null }> {
  return new Promise((resolve) => {
    startTcpProbe(address, port, timeoutMs, (outcome, socket) => resolve({ outcome, socket }));
  });
}

const block = loopbackBlock();
let server: TestServer;
let blackhole: BlackholePort;

beforeAll(async () => {
  server = await tcpServer(`${block}.10`);
  blackhole = await blackholePort(`${block}.20`);
});

afterAll(async () => {
  await server.close();
  blackhole.close();
});

describe('startTcpProbe', () => {
  it('reports an accepting port as open and hands over the socket', async () => {
    const result = await probe(server.host, server.port);
    expect(result.outcome).toBe('open');
    expect(result.socket?.remotePort).toBe(server.port);
    closeHard(result.socket!);
  });

  it('reports a refused port as closed, without waiting for the timeout', async () => {
    const result = await probe(`${block}.11`, server.port);
    expect(result).toMatchObject({ outcome: 'closed', socket: null });
  });

  it('reports a port that drops SYNs as filtered after the timeout', async () => {
    const result = await probe(blackhole.host, blackhole.port, 300);
    expect(result).toMatchObject({ outcome: 'filtered', socket: null });
  });

  it('still sees a connection that completed while the event loop was blocked past the timeout', async () => {
    const script = fileURLToPath(new URL('./testing/stalled-loop-probe.ts', import.meta.url));
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', script, `${block}.30`], { timeout: 20_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    expect(output.trim()).toBe('open');
  });

  it('calls back nothing once cancelled, and leaves no timer behind', async () => {
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    let called = false;
    const job = startTcpProbe(blackhole.host, blackhole.port, 10_000, () => {
      called = true;
    });
    job.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(called).toBe(false);
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length).toBe(before);
  });

  it('closes open ports with a reset, leaving no TIME_WAIT on either side', async () => {
    for (let i = 0; i < 30; i++) {
      const result = await probe(server.host, server.port);
      expect(result.outcome).toBe('open');
      closeHard(result.socket!);
    }
    // The client sees each connection before the server's accept callback runs; wait for those.
    await vi.waitFor(() => expect(server.accepted).toBeGreaterThanOrEqual(30), { timeout: 20_000 });
    expect(timeWaitCount(server.host)).toBe(0);
  });
});
