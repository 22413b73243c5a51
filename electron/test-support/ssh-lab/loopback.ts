/** Loopback addresses and ports for lab servers; Linux routes all of 127.0.0.0/8 to `lo` without setup. */
import { connect, createServer } from 'node:net';

/** A random 127.x.y.z address away from 127.0.0.1, so parallel labs rarely share one. */
export function randomLoopbackAddress(): string {
  const octet = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
  return `127.${octet(20, 250)}.${octet(0, 255)}.${octet(1, 254)}`;
}

/** A port that is free on `host` right now (sshd may still lose a race for it; callers retry). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on host:port. */
export function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}
