/**
 * Runs a scan in a child process whose file-descriptor limit is lower than the scan's
 * concurrency, to show that running out of sockets retries probes instead of losing hosts.
 * Usage (from the test): `sh -c 'ulimit -n 64; node --import tsx fd-limit-scan.ts <target> <ports> <concurrency>'`.
 * Prints one JSON line: the result and the addresses found.
 */
import { parseTargets } from '../../../../shared/domain/network-targets';
import { runDiscovery } from '../run-discovery';

async function main(): Promise<void> {
  const [target = '', portList = '', concurrency = '200'] = process.argv.slice(2);
  const parsed = parseTargets([target]);
  if (!parsed.ok) throw new Error(`bad target ${target}`);
  const found: string[] = [];
  const result = await runDiscovery({
    ranges: parsed.ranges,
    options: { ports: portList.split(',').map(Number), timeoutMs: 10_000, concurrency: Number(concurrency), reverseDns: false, grabBanners: false },
    arpTable: async () => new Map(),
    onHost: (host) => found.push(host.address),
  });
  process.stdout.write(`${JSON.stringify({ result, found: found.sort() })}\n`);
}

void main();
