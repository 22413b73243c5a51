/**
 * Test servers for discovery, on loopback only: Linux routes all of 127.0.0.0/8 to `lo`, so a
 * test can give every fake host its own 127.x.y.z address. Ports are chosen by the kernel
 * (32768-60999), which keeps parallel test files from colliding.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/** A listening test server. */
export interface TestServer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

function track(server: Server, host: string): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => socket.on('error', () => {}));
  server.on('tlsClientError', () => {});
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        host,
        port,
        get accepted() {
          return accepted;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A TCP server that runs `onConnection` for each client (write a banner, stay silent, flood...). */
export function tcpServer(host: string, onConnection: (socket: Socket) => void = () => {}): Promise<TestServer> {
  return track(createServer(onConnection), host);
}

/** A fake SSH server: writes its identification line as soon as a client connects. */
export function sshServer(host: string, banner: string | Buffer): Promise<TestServer> {
  return tcpServer(host, (socket) => socket.write(banner));
}

/** A tiny web server answering every request with the given status and headers. */
export function httpServer(host: string, headers: Record<string, string>, status = 200): Promise<TestServer> {
  const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : 'hello');
  });
  return track(server, host);
}

/** A self-signed certificate and key, generated with openssl for one test run. */
export interface TestCertificate {
  cert: string;
  key: string;
}

/** Generates a self-signed certificate with the given subject (`/CN=nas.example.lan/O=Example`). */
export function selfSignedCertificate(subject: string): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'pd-discovery-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', subject],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server with the given certificate, answering with the given headers. */
export function httpsServer(host: string, certificate: TestCertificate, headers: Record<string, string>): Promise<TestServer> {
  const server = createTlsServer({ cert: certificate.cert, key: certificate.key }, (socket) => {
    let request = '';
    socket.on('data', (chunk: Buffer) => {
      request += chunk.toString('latin1');
      if (!request.includes('\r\n\r\n')) return;
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.end(`HTTP/1.1 200 OK\r\n${lines.join('')}Content-Length: 0\r\n\r\n`);
    });
  });
  return track(server, host);
}

/** A port whose SYNs go unanswered, so connects time out like on a firewalled host. */
export interface BlackholePort {
  host: string;
  port: number;
  close(): void;
}

// Linux refuses new connections once a listener's accept queue holds more than its backlog.
const BLACKHOLE_BACKLOG = 1;

/**
 * A port that silently drops new connections, without root: a listener with a backlog of one in
 * a child process that is then stopped (SIGSTOP), so it never accepts. Once its accept queue is
 * full, the kernel drops further SYNs and clients wait until their own timeout.
 */
export async function blackholePort(host: string): Promise<BlackholePort> {
  const script = `const s=require('net').createServer().listen({port:0,host:${JSON.stringify(host)},backlog:${BLACKHOLE_BACKLOG}},()=>process.stdout.write(String(s.address().port)+'\\n'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
  });
  process.kill(child.pid ?? 0, 'SIGSTOP');
  // Fill the accept queue, watching its length in /proc rather than waiting for a connect that
  // does not come: each filler is known to complete while the queue has room.
  const fillers: Socket[] = [];
  while (acceptQueueLength(host, port) <= BLACKHOLE_BACKLOG) {
    const socket = connect(port, host);
    socket.on('error', () => {});
    fillers.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    if (fillers.length > 16) throw new Error(`the accept queue of ${host}:${port} does not fill up`);
  }
  return {
    host,
    port,
    close: () => {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}

/**
 * A 127.x.y.0/24 block for one test file, so parallel files never share addresses: files that run
 * at the same time run in different vitest workers, and each worker gets its own second octet.
 */
export function loopbackBlock(): string {
  const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID);
  const second = 100 + (Number.isInteger(worker) && worker > 0 ? worker % 150 : Math.floor(Math.random() * 150));
  const third = Math.floor(Math.random() * 256);
  return `127.${second}.${third}`;
}

/** How many connections wait in a listener's accept queue, from /proc/net/tcp. */
function acceptQueueLength(host: string, port: number): number {
  const local = `${hexAddress(host)}:${port.toString(16).padStart(4, '0').toUpperCase()}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // For a listening socket (state 0A), rx_queue counts the connections waiting to be accepted.
    if (fields[1] !== local || fields[3] !== '0A') continue;
    return parseInt((fields[4] ?? '').split(':')[1] ?? '0', 16);
  }
  throw new Error(`no listener on ${host}:${port} in /proc/net/tcp`);
}

function hexAddress(address: string): string {
  return address
    .split('.')
    .reverse()
    .map((octet) => Number(octet).toString(16).padStart(2, '0').toUpperCase())
    .join('');
}

/** Connections in TIME_WAIT to or from an address, on either side, from /proc/net/tcp. */
export function timeWaitCount(address: string): number {
  const hex = hexAddress(address);
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[3] === '06' && (fields[1]?.startsWith(hex) || fields[2]?.startsWith(hex));
    }).length;
}
