/**
 * Probes an open port, then blocks the event loop past the probe's timeout, as a busy main
 * process would; prints the outcome. Run in its own process by the test, because a test
 * runner's own event-loop traffic hides the ordering this checks.
 * Usage: node --import tsx stalled-loop-probe.ts <host>
 */
import { createServer, type AddressInfo } from 'node:net';
import { startTcpProbe } from '../tcp-prober';

const host = process.argv[2] ?? '127.0.0.1';
const server = createServer((socket) => socket.on('error', () => {}));
server.listen(0, host, () => {
  const { port } = server.address() as AddressInfo;
  startTcpProbe(host, port, 20, (outcome, socket) => {
    socket?.destroy();
    process.stdout.write(`${outcome}\n`);
    server.close();
  });
  setImmediate(() => {
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // Busy: the connect completes in the kernel while the probe's timer expires.
    }
  });
});
