/** An AppCore over a temporary database, with a fixed clock and a scripted discovery engine. */
import type { DiscoveredHost } from '../../shared/contract/discovery';
import { openAppCore, type AppCore } from '../core/app-core';
import { fixedClock } from '../platform/clock';
import type { runDiscovery } from '../services/discovery/index';
import type { HostCollector } from '../services/patch-status/host-collector';
import { makeTempDir } from './temp-dir';

type Discover = typeof runDiscovery;

/** A discovery engine that "finds" the given hosts among the scanned addresses. */
export function scriptedDiscovery(hosts: readonly DiscoveredHost[]): Discover {
  return async (run) => {
    let probed = 0;
    for (const range of run.ranges) probed += range.last - range.first + 1;
    const inRange = hosts.filter((host) => run.ranges.some((range) => {
      const value = host.address.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
      return value >= range.first && value <= range.last;
    }));
    for (const host of inRange) {
      if (run.signal?.aborted) return { probedAddresses: 0, liveHosts: 0, cancelled: true };
      run.onHost?.(host);
    }
    run.onProgress?.({ probedAddresses: probed, liveHosts: inRange.length });
    return { probedAddresses: probed, liveHosts: inRange.length, cancelled: false };
  };
}

/** A discovered host with sensible defaults. */
export function host(address: string, extra: Partial<DiscoveredHost> = {}): DiscoveredHost {
  return { address, hostname: '', mac: '', openPorts: [{ port: 22, protocol: 'tcp', service: 'ssh', banner: '' }], osFamily: 'linux', osName: '', deviceType: 'server', evidence: [], snmp: null, ...extra };
}

/** Opens a core for a test. */
export function openTestCore(options: { discover?: Discover; dataDir?: string; collector?: HostCollector } = {}): AppCore & { clock: ReturnType<typeof fixedClock>; dataDir: string } {
  const clock = fixedClock(new Date('2026-11-02T09:00:00.000Z'));
  const dataDir = options.dataDir ?? makeTempDir();
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'tester', clock, checkResponses: true, discover: options.discover ?? scriptedDiscovery([]), ...(options.collector ? { collector: options.collector } : {}) });
  return Object.assign(core, { clock, dataDir });
}

/** Invokes a channel and returns the value, failing the test with the error otherwise. */
export async function call<T = unknown>(core: AppCore, channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
