import type { Socket } from 'node:net';
import type { OpenPort } from '../../../shared/contract/assets';
import type { DiscoveredHost, ScanOptions } from '../../../shared/contract/discovery';
import { formatIpv4, type TargetRange } from '../../../shared/domain/network-targets';
import { scatteredAddresses } from './address-order';
import { readSystemArpTable, type ArpTableReader } from './arp-table';
import { grabBanner } from './banner-grabber';
import { fingerprint } from './fingerprint';
import { MacLookup } from './mac-lookup';
import { createProgressThrottle, type DiscoveryProgress, type ProgressThrottle } from './progress-throttle';
import { createHostnameLookup, createReverseDnsResolver, type ReverseDnsResolver } from './reverse-dns';
import { bannerProtocolFor, DEFAULT_BANNER_PORTS, serviceName, type BannerPorts } from './service-names';
import { startSnmpQuery, type SnmpIdentity } from './snmp-prober';
import { closeHard, startTcpProbe, type Cancellable, type ProbeOutcome } from './tcp-prober';

/** One discovery scan: what to probe, how, and where to report. */
export interface DiscoveryRun {
  ranges: readonly TargetRange[];
  options: ScanOptions;
  /** Cancels the scan: probing stops promptly and the run resolves with `cancelled: true`. */
  signal?: AbortSignal;
  /** Called once per live host, as soon as its probes (and look-ups) are done. */
  onHost?: (host: DiscoveredHost) => void;
  /** Called at most about every 100 ms while the scan runs, and once at the end. */
  onProgress?: (progress: DiscoveryProgress) => void;
  /** Reverse DNS; the system's DNS servers through c-ares by default. */
  resolver?: ReverseDnsResolver;
  /** The neighbour table; the kernel's by default. */
  arpTable?: ArpTableReader;
  /** SNMP's UDP port; 161 by default. */
  snmpPort?: number;
  /** Which ports get which banner grab; {@link DEFAULT_BANNER_PORTS} by default. */
  bannerPorts?: Partial<BannerPorts>;
  /** Time allowed to read one banner; twice the probe timeout, within 1 to 5 s, by default. */
  bannerTimeoutMs?: number;
}

/** How a scan ended. `liveHosts` counts the hosts reported through `onHost`. */
export interface DiscoveryResult {
  probedAddresses: number;
  liveHosts: number;
  cancelled: boolean;
}

interface HostState {
  readonly address: string;
  nextPort: number;
  snmpPending: boolean;
  outstanding: number;
  openPorts: OpenPort[] | null;
  snmp: SnmpIdentity | null;
}

// Probe launches per event-loop turn. Refusals complete within the turn that launched them, so
// without a budget each completion would launch another and a turn could run for seconds;
// with it, timers, I/O and IPC get a look-in every few milliseconds.
const LAUNCH_BUDGET = 64;
const DNS_CONCURRENCY = 16;
// After running out of sockets, wait this long before retrying so closing sockets can free theirs.
const RESOURCE_RETRY_DELAY_MS = 20;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The scan itself: streams addresses in scattered order, keeps at most `concurrency` sockets
 * (TCP probes, banner reads, SNMP queries) in flight, and finishes each host (banners, SNMP,
 * reverse DNS, MAC, fingerprint) as soon as its own probes are done. Memory is bounded by the
 * sockets in flight, never by the size of the target ranges.
 */
class DiscoveryEngine {
  private readonly ports: readonly number[];
  private readonly timeoutMs: number;
  private readonly bannerTimeoutMs: number;
  private readonly bannerPorts: BannerPorts;
  private readonly addresses: Iterator<number>;
  private readonly jobs = new Set<Cancellable>();
  private readonly retries: { host: HostState; port: number }[] = [];
  private readonly progress: ProgressThrottle;
  private readonly macs: MacLookup;
  private readonly lookupHostname: ((ip: string, signal?: AbortSignal) => Promise<string>) | null;
  private readonly resolver: ReverseDnsResolver | null;
  private readonly stopController = new AbortController();

  private concurrency: number;
  private current: HostState | null = null;
  private exhausted = false;
  private inFlight = 0;
  private finishing = 0;
  private probed = 0;
  private live = 0;
  private pumpScheduled = false;
  private launchBudget = LAUNCH_BUDGET;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private settle: ((result: DiscoveryResult) => void) | null = null;
  private fail: ((error: unknown) => void) | null = null;

  constructor(private readonly run: DiscoveryRun) {
    const options = run.options;
    this.ports = [...new Set(options.ports)];
    this.timeoutMs = options.timeoutMs;
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.bannerTimeoutMs = run.bannerTimeoutMs ?? clamp(options.timeoutMs * 2, 1000, 5000);
    this.bannerPorts = { ...DEFAULT_BANNER_PORTS, ...run.bannerPorts };
    this.addresses = scatteredAddresses(run.ranges);
    this.progress = createProgressThrottle((progress) => this.report(() => run.onProgress?.(progress)));
    this.macs = new MacLookup(run.arpTable ?? readSystemArpTable);
    const dnsTimeoutMs = clamp(options.timeoutMs, 1000, 5000);
    this.resolver = options.reverseDns ? (run.resolver ?? createReverseDnsResolver({ timeoutMs: dnsTimeoutMs })) : null;
    this.lookupHostname =
      this.resolver === null ? null : createHostnameLookup(this.resolver, { timeoutMs: dnsTimeoutMs, concurrency: DNS_CONCURRENCY });
  }

  start(): Promise<DiscoveryResult> {
    return new Promise<DiscoveryResult>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
      const signal = this.run.signal;
      if (signal?.aborted) return this.finish(true);
      signal?.addEventListener('abort', this.onAbort, { once: true });
      this.pump();
    });
  }

  private readonly onAbort = (): void => this.finish(true);

  private schedulePump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.launchBudget = LAUNCH_BUDGET;
      this.pump();
    });
  }

  /** Fills free slots with work: retries first, then the current host's remaining probes, then new hosts. */
  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency) {
      if (this.launchBudget === 0) return this.schedulePump();
      if (this.retryTimer === null && this.retries.length > 0) {
        const retry = this.retries.shift();
        if (retry !== undefined) this.launchTcp(retry.host, retry.port);
      } else {
        const host = this.hostWithWork();
        if (host === null) break;
        if (host.snmpPending) this.launchSnmp(host);
        else this.launchTcp(host, this.ports[host.nextPort++] ?? 0);
      }
      this.launchBudget--;
    }
    this.finishIfDone();
  }

  private hostWithWork(): HostState | null {
    const current = this.current;
    if (current !== null && (current.snmpPending || current.nextPort < this.ports.length)) return current;
    if (this.exhausted) return null;
    const next = this.addresses.next();
    if (next.done) {
      this.exhausted = true;
      this.current = null;
      return null;
    }
    this.current = {
      address: formatIpv4(next.value),
      nextPort: 0,
      snmpPending: this.run.options.snmpCommunity !== undefined,
      outstanding: 0,
      openPorts: null,
      snmp: null,
    };
    return this.current;
  }

  private launchTcp(host: HostState, port: number): void {
    this.inFlight++;
    host.outstanding++;
    const job = startTcpProbe(host.address, port, this.timeoutMs, (outcome, socket) => {
      this.jobs.delete(job);
      this.onTcpOutcome(host, port, outcome, socket);
    });
    this.jobs.add(job);
  }

  private onTcpOutcome(host: HostState, port: number, outcome: ProbeOutcome, socket: Socket | null): void {
    if (outcome === 'no-resources') return this.retryLater(host, port);
    if (outcome !== 'open' || socket === null) return this.release(host);
    const protocol = this.run.options.grabBanners ? bannerProtocolFor(port, this.bannerPorts) : null;
    if (protocol === null) {
      closeHard(socket);
      this.addOpenPort(host, port, serviceName(port), '');
      return this.release(host);
    }
    // The banner is read on the probe's own connection, which keeps its slot until done.
    const job: Cancellable = { cancel: () => closeHard(socket) };
    this.jobs.add(job);
    void grabBanner(socket, host.address, port, protocol, this.bannerTimeoutMs).then((banner) => {
      this.jobs.delete(job);
      if (this.stopped) return;
      this.addOpenPort(host, port, serviceName(port) || serviceFromBanner(banner) || (protocol === 'greeting' ? '' : protocol), banner);
      this.release(host);
    });
  }

  /** The system ran out of sockets: shrink the window to what it can hold and try the port again shortly. */
  private retryLater(host: HostState, port: number): void {
    this.inFlight--;
    host.outstanding--;
    this.concurrency = Math.max(1, Math.min(this.concurrency, this.inFlight));
    this.retries.push({ host, port });
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, RESOURCE_RETRY_DELAY_MS);
  }

  private launchSnmp(host: HostState): void {
    host.snmpPending = false;
    const community = this.run.options.snmpCommunity;
    if (community === undefined) return;
    this.inFlight++;
    host.outstanding++;
    const query = { community, port: this.run.snmpPort ?? 161, timeoutMs: this.timeoutMs };
    const job = startSnmpQuery(host.address, query, (identity) => {
      this.jobs.delete(job);
      host.snmp = identity;
      this.release(host);
    });
    this.jobs.add(job);
  }

  private addOpenPort(host: HostState, port: number, service: string, banner: string): void {
    host.openPorts ??= [];
    host.openPorts.push({ port, protocol: 'tcp', service, banner });
  }

  /** A probe of this host ended: free its slot, finish the host when it was the last one, refill. */
  private release(host: HostState): void {
    this.inFlight--;
    host.outstanding--;
    const allLaunched = !host.snmpPending && host.nextPort >= this.ports.length;
    if (allLaunched && host.outstanding === 0 && !this.retries.some((retry) => retry.host === host)) this.hostProbed(host);
    this.pump();
  }

  private hostProbed(host: HostState): void {
    this.probed++;
    if (host.openPorts !== null || host.snmp !== null) void this.finishHost(host, performance.now());
    this.progress.update({ probedAddresses: this.probed, liveHosts: this.live });
  }

  /** Reverse DNS, MAC and fingerprint for a live host, then report it. */
  private async finishHost(host: HostState, probedAt: number): Promise<void> {
    this.finishing++;
    try {
      const [hostname, mac] = await Promise.all([
        this.lookupHostname?.(host.address, this.stopController.signal) ?? '',
        this.macs.macFor(host.address, probedAt),
      ]);
      if (this.stopped) return;
      const openPorts = (host.openPorts ?? []).sort((a, b) => a.port - b.port);
      const guess = fingerprint({ openPorts, snmp: host.snmp, hostname });
      const discovered: DiscoveredHost = { address: host.address, hostname, mac, openPorts, ...guess, snmp: host.snmp };
      this.live++;
      this.report(() => this.run.onHost?.(discovered));
      this.progress.update({ probedAddresses: this.probed, liveHosts: this.live });
    } finally {
      this.finishing--;
      this.finishIfDone();
    }
  }

  /** Runs a caller's callback; if it throws, the scan stops and the run rejects with that error. */
  private report(callback: () => void): void {
    if (this.stopped) return;
    try {
      callback();
    } catch (error) {
      this.stop();
      this.fail?.(error);
    }
  }

  private finishIfDone(): void {
    if (this.exhausted && this.inFlight === 0 && this.finishing === 0 && this.retries.length === 0) this.finish(false);
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopController.abort();
    this.run.signal?.removeEventListener('abort', this.onAbort);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    for (const job of this.jobs) job.cancel();
    this.jobs.clear();
    this.retries.length = 0;
    if (this.finishing > 0) this.resolver?.cancel?.();
  }

  private finish(cancelled: boolean): void {
    if (this.stopped) return;
    const progress = { probedAddresses: this.probed, liveHosts: this.live };
    this.report(() => this.progress.flush(progress));
    this.progress.stop();
    this.stop();
    this.settle?.({ ...progress, cancelled });
  }
}

/**
 * Discovers live hosts in the target ranges: TCP connect probes on the port profile, optional
 * banners, SNMP, reverse DNS and MAC addresses, and a fingerprint per host. A host is live when
 * a TCP port accepted a connection or SNMP answered; refused connections do not count.
 */
export function runDiscovery(run: DiscoveryRun): Promise<DiscoveryResult> {
  return new DiscoveryEngine(run).start();
}

/** A service named by its own greeting, for ports whose number says nothing. */
function serviceFromBanner(banner: string): string {
  if (banner.startsWith('SSH-')) return 'ssh';
  if (/^220[ -].*ftp/i.test(banner)) return 'ftp';
  if (/^220[ -].*(smtp|mail)/i.test(banner)) return 'smtp';
  return '';
}
