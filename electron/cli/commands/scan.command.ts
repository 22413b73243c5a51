/** `patchdesk scan TARGET...`: a discovery scan whose results are merged into the site. */
import { parseArgs } from 'node:util';
import type { DiscoveredHost } from '../../../shared/contract/discovery';
import { ScanJobProgress, type JobProgressEvent } from '../../../shared/contract/jobs';
import { resolveSite, type CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';
import { waitForJob } from '../job-wait';
import { formatTable } from '../table';

export const SCAN_USAGE = 'patchdesk scan [TARGET...] [--site NAME] [--ports LIST] [--timeout MS] [--concurrency N] [--no-dns] [--snmp-community-stdin] [--yes] [--json]';

/** Runs a scan to the end, printing progress to stderr when it is a terminal. */
export async function runScanCommand(context: CliContext, args: string[], readStdin: () => Promise<string>): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      ports: { type: 'string' },
      timeout: { type: 'string' },
      concurrency: { type: 'string' },
      'snmp-community-stdin': { type: 'boolean' },
      'no-dns': { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const site = await resolveSite(context, values.site);
  const options: Record<string, unknown> = {};
  if (values.ports !== undefined) options['ports'] = parsePorts(values.ports);
  if (values.timeout !== undefined) options['timeoutMs'] = parseInteger('--timeout', values.timeout);
  if (values.concurrency !== undefined) options['concurrency'] = parseInteger('--concurrency', values.concurrency);
  if (values['no-dns']) options['reverseDns'] = false;
  if (values['snmp-community-stdin']) options['snmpCommunity'] = (await readStdin()).trim();

  // Subscribed before the start: the folder's owner may be another process, and its first hosts
  // may be found before the start's answer arrives here. Events are kept by job, this one's picked after.
  const found: { jobId: string; host: DiscoveredHost }[] = [];
  let jobId: string | undefined;
  const unsubscribe = context.subscribe((event, payload) => {
    if (event === 'scan:host' && 'host' in payload) found.push({ jobId: payload.jobId, host: payload.host });
    if (event !== 'job:progress' || !context.interactive || !('jobId' in payload) || payload.jobId !== jobId) return;
    const progress = ScanJobProgress.safeParse((payload as JobProgressEvent).progress);
    if (progress.success) process.stderr.write(`\rscanning: ${progress.data.probedAddresses}/${progress.data.totalAddresses} addresses, ${progress.data.liveHosts} live`);
  });
  let started;
  try {
    started = await context.call('scan:start', { siteId: site.id, targets: positionals, options, confirmLarge: values.yes ?? false });
  } catch (error) {
    unsubscribe();
    throw error;
  }
  jobId = started.jobId;
  const cancel = () => void context.invoke('scan:cancel', { jobId: started.jobId });
  process.once('SIGINT', cancel);
  await waitForJob(context, started.jobId).finally(() => {
    unsubscribe();
    process.removeListener('SIGINT', cancel);
    if (context.interactive) process.stderr.write('\n');
  });
  const hosts = found.filter((each) => each.jobId === started.jobId).map((each) => each.host);
  const summary = (await context.call('scan:list', { siteId: site.id })).find((scan) => scan.id === started.scanId);
  if (!summary) throw new CliError(`scan ${started.scanId} is missing after its job ended`, 1);

  if (values.json) {
    context.out(JSON.stringify({ scan: summary, hosts: hosts.map((host) => ({ address: host.address, hostname: host.hostname, mac: host.mac, openPorts: host.openPorts, osFamily: host.osFamily, osName: host.osName, deviceType: host.deviceType })) }, null, 2));
  } else {
    if (hosts.length > 0) {
      context.out(
        formatTable(
          ['ADDRESS', 'HOSTNAME', 'OPEN PORTS', 'OS', 'TYPE'],
          hosts.map((host) => [host.address, host.hostname, host.openPorts.map((port) => `${port.port}/${port.protocol}`).join(','), host.osName || host.osFamily, host.deviceType]),
        ),
      );
    }
    context.out(`Scan ${summary.id} ${summary.status}: ${summary.probedAddresses} of ${summary.totalAddresses} addresses probed, ${summary.liveHosts} live, ${summary.newHosts} new (unreviewed), ${summary.staleMarked} newly stale.`);
  }
  if (summary.status === 'failed') throw new Error(`the scan failed: ${summary.error}`);
}

function parsePorts(text: string): number[] {
  const ports: number[] = [];
  for (const part of text.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw usageError(`--ports: "${part}" is not a port or a range such as 8000-8010`);
    const first = Number(range[1]);
    const last = Number(range[2] ?? range[1]);
    if (first < 1 || last > 65535 || last < first) throw usageError(`--ports: "${part}" must lie within 1-65535, low to high`);
    for (let port = first; port <= last; port++) ports.push(port);
  }
  return [...new Set(ports)];
}

function parseInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw usageError(`${flag} must be a whole number (got "${text}")`);
  return Number(text);
}
