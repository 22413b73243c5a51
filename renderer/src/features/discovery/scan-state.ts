import type { DiscoveredHost, EventOf, ScanFinishedEvent, ScanProgressEvent, ScanSummary } from '../../../../shared/contract';

/** One host as it appeared during a scan, and what the merge made of it. */
export interface LiveHost {
  host: DiscoveredHost;
  merge: 'new' | 'updated';
  assetId: number;
}

/** A scan as the UI follows it from its events. */
export interface LiveScan {
  jobId: string;
  scanId: number;
  /** Null for a scan first seen through its events (started in another window, or before a reload). */
  siteId: number | null;
  totalAddresses: number;
  probedAddresses: number;
  liveHosts: number;
  elapsedMs: number;
  hosts: LiveHost[];
  summary: ScanSummary | null;
  /** Order of appearance, so "the latest scan" is well defined. */
  sequence: number;
  /** When this window first heard of the scan (ms), so elapsed time can tick between events. */
  firstSeenAt: number;
}

/** Every scan followed in this window, by job id. */
export type ScanState = Readonly<Record<string, LiveScan>>;

/** What changes the scan state. */
export type ScanAction =
  | { type: 'started'; jobId: string; scanId: number; siteId: number; totalAddresses: number }
  | { type: 'progress'; event: ScanProgressEvent }
  | { type: 'host'; event: EventOf<'scan:host'> }
  | { type: 'finished'; event: ScanFinishedEvent };

let sequence = 0;

function ensure(state: ScanState, jobId: string, scanId: number, now: number): LiveScan {
  return (
    state[jobId] ?? {
      jobId,
      scanId,
      siteId: null,
      totalAddresses: 0,
      probedAddresses: 0,
      liveHosts: 0,
      elapsedMs: 0,
      hosts: [],
      summary: null,
      sequence: ++sequence,
      firstSeenAt: now,
    }
  );
}

/** Applies a batch of actions at once (events are buffered so a fast scan renders a few times a second). */
export function reduceScans(state: ScanState, actions: readonly ScanAction[], now: number = Date.now()): ScanState {
  if (actions.length === 0) return state;
  const next: Record<string, LiveScan> = { ...state };
  const appended = new Map<string, LiveHost[]>();
  for (const action of actions) {
    switch (action.type) {
      case 'started': {
        const scan = ensure(next, action.jobId, action.scanId, now);
        // Events may have overtaken the start answer; keep what they reported.
        next[action.jobId] = { ...scan, siteId: action.siteId, totalAddresses: Math.max(scan.totalAddresses, action.totalAddresses) };
        break;
      }
      case 'progress': {
        const { jobId, scanId, probedAddresses, totalAddresses, liveHosts, elapsedMs } = action.event;
        const scan = ensure(next, jobId, scanId, now);
        next[jobId] = { ...scan, probedAddresses: Math.max(scan.probedAddresses, probedAddresses), totalAddresses, liveHosts: Math.max(scan.liveHosts, liveHosts), elapsedMs: Math.max(scan.elapsedMs, elapsedMs) };
        break;
      }
      case 'host': {
        const { jobId, scanId, host, merge, assetId } = action.event;
        next[jobId] = ensure(next, jobId, scanId, now);
        appended.set(jobId, [...(appended.get(jobId) ?? []), { host, merge, assetId }]);
        break;
      }
      case 'finished': {
        const { jobId, summary } = action.event;
        const scan = ensure(next, jobId, summary.id, now);
        next[jobId] = {
          ...scan,
          summary,
          totalAddresses: summary.totalAddresses,
          probedAddresses: summary.probedAddresses,
          liveHosts: summary.liveHosts,
          siteId: scan.siteId ?? summary.siteId,
        };
        break;
      }
    }
  }
  for (const [jobId, hosts] of appended) {
    const scan = next[jobId]!;
    const known = new Set(scan.hosts.map((entry) => entry.host.address));
    const fresh = hosts.filter((entry) => {
      if (known.has(entry.host.address)) return false;
      known.add(entry.host.address);
      return true;
    });
    next[jobId] = { ...scan, hosts: [...scan.hosts, ...fresh], liveHosts: Math.max(scan.liveHosts, scan.hosts.length + fresh.length) };
  }
  return next;
}

/** True while the scan has not reported its end. */
export function isRunning(scan: LiveScan): boolean {
  return scan.summary === null;
}

/** The scan to show for a site: the latest one started for it, or followed from events of its running scans. */
export function latestScanForSite(state: ScanState, siteId: number, siteScanIds: ReadonlySet<number>): LiveScan | null {
  let latest: LiveScan | null = null;
  for (const scan of Object.values(state)) {
    const belongs = scan.siteId === siteId || (scan.siteId === null && siteScanIds.has(scan.scanId));
    if (belongs && (!latest || scan.sequence > latest.sequence)) latest = scan;
  }
  return latest;
}
