import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabBanner } from './banner-grabber';
import type { BannerProtocol } from './service-names';
import { startTcpProbe } from './tcp-prober';
import {
  httpServer,
  httpsServer,
  loopbackBlock,
  selfSignedCertificate,
  sshServer,
  tcpServer,
  timeWaitCount,
  type TestServer,
} from './testing/loopback-servers';

const block = loopbackBlock();
const servers: TestServer[] = [];

async function serve(server: Promise<TestServer>): Promise<TestServer> {
  const started = await server;
  servers.push(started);
  return started;
}

// Generous defaults, so a loaded machine cannot cut a banner short; a short timeout is passed only
// where the server never answers, so the outcome is the same however long the wait really takes.
function grab(server: TestServer, protocol: BannerProtocol, timeoutMs = 20_000): Promise<{ banner: string }> {
  return new Promise((resolve, reject) => {
    startTcpProbe(server.host, server.port, 20_000, (outcome, socket) => {
      if (outcome !== 'open' || socket === null) return reject(new Error(`port ${outcome}`));
      void grabBanner(socket, server.host, server.port, protocol, timeoutMs).then((banner) => resolve({ banner }));
    });
  });
}

let certificate: ReturnType<typeof selfSignedCertificate>;
beforeAll(() => {
  certificate = selfSignedCertificate('/CN=nas01.example.lan/O=Synology Inc.');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('grabBanner', () => {
  it('reads an SSH identification line', async () => {
    const server = await serve(sshServer(`${block}.1`, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'));
    expect((await grab(server, 'ssh')).banner).toBe('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3');
  });

  it('skips preamble lines before the SSH identification', async () => {
    const server = await serve(sshServer(`${block}.2`, 'Authorised users only\r\nSSH-2.0-ROSSSH\r\n'));
    expect((await grab(server, 'ssh')).banner).toBe('SSH-2.0-ROSSSH');
  });

  it('records the status line and Server header of a web server', async () => {
    const server = await serve(httpServer(`${block}.3`, { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' }));
    expect((await grab(server, 'http')).banner).toBe('HTTP/1.1 200 OK | Server: Microsoft-IIS/10.0');
  });

  it('records the status line alone when there is no Server header', async () => {
    const server = await serve(httpServer(`${block}.4`, {}, 404));
    expect((await grab(server, 'http')).banner).toBe('HTTP/1.1 404 Not Found');
  });

  it('reads the certificate and Server header of an HTTPS server with a self-signed certificate', async () => {
    const server = await serve(httpsServer(`${block}.5`, certificate, { Server: 'nginx' }));
    expect((await grab(server, 'https')).banner).toBe(
      'TLS subject: CN=nas01.example.lan, O=Synology Inc.; issuer: CN=nas01.example.lan, O=Synology Inc. | HTTP/1.1 200 OK | Server: nginx',
    );
  });

  it('gives up on a TLS port that never completes a handshake', async () => {
    const server = await serve(tcpServer(`${block}.6`));
    const result = await grab(server, 'https', 300);
    expect(result.banner).toBe('');
  });

  it('strips ANSI sequences and control characters from a hostile banner', async () => {
    const server = await serve(sshServer(`${block}.7`, '\u001b[2J\u001b[31mSSH-2.0-\u0007Evil\u001b]0;owned\u0007Server\u001b[0m\r\n'));
    expect((await grab(server, 'ssh')).banner).toBe('SSH-2.0- EvilServer');
  });

  it('survives binary garbage', async () => {
    const server = await serve(sshServer(`${block}.8`, Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x41, 0x80, 0x0a])));
    expect((await grab(server, 'ssh')).banner).toBe('A');
  });

  it('caps a megabyte-long line', async () => {
    const server = await serve(tcpServer(`${block}.9`, (socket) => socket.end(Buffer.alloc(1024 * 1024, 'A'))));
    const result = await grab(server, 'ssh');
    expect(result.banner.length).toBeLessThanOrEqual(256);
    expect(result.banner.startsWith('AAAA')).toBe(true);
  });

  it('caps a megabyte of response headers', async () => {
    const flood = `HTTP/1.1 200 OK\r\nServer: ${'x'.repeat(1024 * 1024)}\r\n\r\n`;
    const server = await serve(tcpServer(`${block}.10`, (socket) => socket.once('data', () => socket.end(flood))));
    const result = await grab(server, 'http');
    expect(result.banner.startsWith('HTTP/1.1 200 OK | Server: xxx')).toBe(true);
    expect(result.banner.length).toBeLessThan(300);
  });

  it('resets every connection it used, leaving no TIME_WAIT behind', async () => {
    const web = await serve(httpServer(`${block}.12`, { Server: 'nginx' }));
    const tls = await serve(httpsServer(`${block}.12`, certificate, { Server: 'nginx' }));
    for (let i = 0; i < 5; i++) {
      expect((await grab(web, 'http')).banner).toContain('nginx');
      expect((await grab(tls, 'https')).banner).toContain('nginx');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timeWaitCount(`${block}.12`)).toBe(0);
  });

  it('returns an empty banner from a silent server after the banner timeout', async () => {
    const server = await serve(tcpServer(`${block}.11`));
    const result = await grab(server, 'ssh', 200);
    expect(result.banner).toBe('');
  });
});
