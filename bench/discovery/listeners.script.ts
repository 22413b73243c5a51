/**
 * Runs inside the benchmark namespace: listens on every planned `address:port` (plan file in
 * argv[2]), prints `ready N`, and serves until stdin closes. Connections are accepted and left
 * for the scanner to close, as a real service would.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { PlannedHost } from './listener-plan';

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as PlannedHost[];
  const servers: Server[] = [];
  for (const host of plan) {
    for (const port of host.ports) {
      const server = createServer((socket) => {
        socket.on('error', () => socket.destroy());
        socket.on('end', () => socket.destroy());
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: host.address, backlog: 511 }, resolve);
      });
      servers.push(server);
    }
  }
  process.stdout.write(`ready ${servers.length}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    for (const server of servers) server.close();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`listeners failed: ${String(error)}\n`);
  process.exit(1);
});
