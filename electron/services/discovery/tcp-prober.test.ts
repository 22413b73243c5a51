import { execFile } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHard, startTcpProbe, type ProbeOutcome } from './tcp-prober';
import { blackholePort, loopbackBlock, tcpServer, timeWaitCount, type BlackholePort, type TestServer } from './testing/loopback-servers';

function probe(address: string, port: number, timeoutMs = 1000): Promise<{ outcome: ProbeOutcome; socket: Socket | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    startTcpProbe(address, port, timeoutMs, (outcome, socket) => resolve({ outcome, socket, ms: Date.now() - started }));
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

  it('reports a refused port as closed, quickly', async () => {
    const result = await probe(`${block}.11`, server.port);
    expect(result).toMatchObject({ outcome: 'closed', socket: null });
    expect(result.ms).toBeLessThan(500);
  });

  it('reports a port that drops SYNs as filtered after the timeout', async () => {
    const result = await probe(blackhole.host, blackhole.port, 300);
    expect(result.outcome).toBe('filtered');
    expect(result.ms).toBeGreaterThanOrEqual(290);
    expect(result.ms).toBeLessThan(1000);
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
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timeWaitCount(server.host)).toBe(0);
    expect(server.accepted).toBeGreaterThanOrEqual(30);
  });
});
