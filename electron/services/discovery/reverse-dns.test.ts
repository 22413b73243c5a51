import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanHostname, createHostnameLookup, createReverseDnsResolver, type ReverseDnsResolver } from './reverse-dns';
import { loopbackBlock } from './testing/loopback-servers';

function encodeName(name: string): Buffer {
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  return Buffer.concat([...labels, Buffer.from([0])]);
}

function ptrAnswer(query: Buffer, name: string): Buffer {
  let end = 12;
  while (query[end] !== 0) end += (query[end] ?? 0) + 1;
  const question = query.subarray(12, end + 5);
  const header = Buffer.from([query[0] ?? 0, query[1] ?? 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
  const rdata = encodeName(name);
  const answer = Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 12, 0, 1, 0, 0, 0, 60, 0, rdata.length]), rdata]);
  return Buffer.concat([header, question, answer]);
}

function udpServer(host: string, onQuery: (socket: Socket, query: Buffer, port: number, address: string) => void): Promise<{ port: number; queries: () => number; close: () => void }> {
  const socket = createSocket('udp4');
  let count = 0;
  socket.on('message', (message, remote) => {
    count++;
    onQuery(socket, message, remote.port, remote.address);
  });
  return new Promise((resolve) => {
    socket.bind(0, host, () => resolve({ port: socket.address().port, queries: () => count, close: () => socket.close() }));
  });
}

const block = loopbackBlock();
let answering: Awaited<ReturnType<typeof udpServer>>;
let silent: Awaited<ReturnType<typeof udpServer>>;

beforeAll(async () => {
  answering = await udpServer(`${block}.53`, (socket, query, port, address) => socket.send(ptrAnswer(query, 'fileserver01.example.lan'), port, address));
  silent = await udpServer(`${block}.54`, () => {});
});

afterAll(() => {
  answering.close();
  silent.close();
});

describe('createReverseDnsResolver (c-ares)', () => {
  it('resolves a PTR name from the configured server', async () => {
    const resolver = createReverseDnsResolver({ timeoutMs: 10_000, servers: [`${block}.53:${answering.port}`] });
    expect(await resolver.reverse('10.0.0.7')).toEqual(['fileserver01.example.lan']);
  });

  it('tries once and gives up after its timeout when the server is silent', async () => {
    const resolver = createReverseDnsResolver({ timeoutMs: 200, servers: [`${block}.54:${silent.port}`] });
    const before = silent.queries();
    // Only the resolver's own timeout can end this: the lookup's outlasts the test.
    const lookup = createHostnameLookup(resolver, { timeoutMs: 600_000, concurrency: 4 });
    expect(await lookup('10.0.0.8')).toBe('');
    await vi.waitFor(() => expect(silent.queries() - before).toBeGreaterThan(0), { timeout: 10_000 });
    expect(silent.queries() - before).toBe(1);
  });
});

describe('createHostnameLookup', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the first name, cleaned', async () => {
    const resolver: ReverseDnsResolver = { reverse: async () => ['DC01.Corp.Example.LAN.', 'alias.example.lan'] };
    expect(await createHostnameLookup(resolver, { timeoutMs: 600_000, concurrency: 2 })('10.0.0.1')).toBe('dc01.corp.example.lan');
  });

  it('is silent on failures, throws and empty answers', async () => {
    const failing: ReverseDnsResolver = { reverse: async () => Promise.reject(new Error('ENOTFOUND')) };
    const throwing: ReverseDnsResolver = {
      reverse: () => {
        throw new Error('boom');
      },
    };
    const empty: ReverseDnsResolver = { reverse: async () => [] };
    for (const resolver of [failing, throwing, empty]) {
      expect(await createHostnameLookup(resolver, { timeoutMs: 600_000, concurrency: 2 })('10.0.0.1')).toBe('');
    }
  });

  it('enforces its own timeout on a resolver that never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hanging: ReverseDnsResolver = { reverse: () => new Promise(() => {}) };
    let name: string | undefined;
    void createHostnameLookup(hanging, { timeoutMs: 100, concurrency: 2 })('10.0.0.1').then((value) => (name = value));
    await vi.advanceTimersByTimeAsync(99);
    expect(name).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(name).toBe('');
  });

  it('keeps at most `concurrency` queries in flight', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let active = 0;
    let peak = 0;
    const slow: ReverseDnsResolver = {
      reverse: async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active--;
        return ['host.example.lan'];
      },
    };
    const lookup = createHostnameLookup(slow, { timeoutMs: 1000, concurrency: 3 });
    const all = Promise.all(Array.from({ length: 12 }, (_, i) => lookup(`10.0.0.${i}`)));
    await vi.advanceTimersByTimeAsync(4 * 20);
    const names = await all;
    expect(names.every((name) => name === 'host.example.lan')).toBe(true);
    expect(peak).toBe(3);
  });

  it('answers empty at once when aborted', async () => {
    const hanging: ReverseDnsResolver = { reverse: () => new Promise(() => {}) };
    const controller = new AbortController();
    const pending = createHostnameLookup(hanging, { timeoutMs: 10_000, concurrency: 1 })('10.0.0.1', controller.signal);
    controller.abort();
    expect(await pending).toBe('');
  });
});

describe('cleanHostname', () => {
  it('rejects names that are not host names', () => {
    expect(cleanHostname('evil\u001b[2J.example')).toBe('');
    expect(cleanHostname('a b.example')).toBe('');
    expect(cleanHostname('x'.repeat(300))).toBe('');
    expect(cleanHostname('srv_01.example.lan.')).toBe('srv_01.example.lan');
  });
});
