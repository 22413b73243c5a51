/**
 * Runs inside the benchmark namespace: one discovery scan with the engine the app uses, options
 * matching `nmap -n -sT -Pn` (no DNS, no banners). Prints one JSON line with the open
 * `address:port` pairs, the scan's own duration and the process's peak RSS.
 *
 * Usage: scanner.script.ts <cidr> <ports> <timeoutMs> <concurrency> [--source-maps]
 */
import { parseTargets } from '../../shared/domain/network-targets';
import { runDiscovery } from '../../electron/services/discovery/index';

async function main(): Promise<void> {
  const [target = '', ports = '', timeoutMs = '500', concurrency = '512'] = process.argv.slice(2);
  // tsx turns on source-mapped stack traces. Node builds and formats an Error for every refused
  // connect, so that would bill each probe for source-map look-ups the packaged (bundled) app
  // never does. Kept on with --source-maps to measure the difference.
  if (!process.argv.includes('--source-maps')) process.setSourceMapsEnabled(false);
  const parsed = parseTargets([target]);
  if (!parsed.ok) throw new Error(`bad target ${target}`);
  const open: string[] = [];
  const started = performance.now();
  const result = await runDiscovery({
    ranges: parsed.ranges,
    options: { ports: ports.split(',').map(Number), timeoutMs: Number(timeoutMs), concurrency: Number(concurrency), reverseDns: false, grabBanners: false },
    onHost: (host) => {
      for (const port of host.openPorts) open.push(`${host.address}:${port.port}`);
    },
  });
  const scanMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ result, scanMs, maxRssKb: process.resourceUsage().maxRSS, open: open.sort() })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`scan failed: ${String(error)}\n`);
  process.exit(1);
});
