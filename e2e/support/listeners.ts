/** TCP listeners on loopback addresses, standing in for hosts on a client network. */
import { createServer, type Server } from 'node:net';

/** Listens on each address:port; SSH-style ports send a banner so fingerprinting has evidence. */
export async function openListeners(targets: readonly { address: string; port: number; banner?: string }[]): Promise<() => Promise<void>> {
  const servers: Server[] = [];
  for (const target of targets) {
    const server = createServer((socket) => {
      if (target.banner) socket.write(`${target.banner}\r\n`);
      socket.on('error', () => undefined);
      setTimeout(() => socket.destroy(), 2000).unref();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(target.port, target.address, () => resolve());
    });
    servers.push(server);
  }
  return async () => {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  };
}
