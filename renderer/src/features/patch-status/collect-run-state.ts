import type { CollectFinishedEvent, CollectionRunSummary, EventOf } from '../../../../shared/contract';

/** Where one host is in a collection run. */
export type HostPhase = EventOf<'collect:host'>['phase'];

/** One host's line in the live panel. */
export interface LiveHostCollection {
  assetId: number;
  hostname: string;
  phase: HostPhase;
  errorCode: EventOf<'collect:host'>['errorCode'];
  message: string;
  pendingCount: number | null;
  securityCount: number | null;
}

/** A collection run as the UI follows it from its events. */
export interface LiveCollection {
  jobId: string;
  runId: number;
  /** Null for a run first seen through its events (started in another window). */
  siteId: number | null;
  hostsTotal: number;
  /** In order of first appearance; the panel sorts for display. */
  hosts: LiveHostCollection[];
  summary: CollectionRunSummary | null;
  sequence: number;
}

/** Every run followed in this window, by job id. */
export type CollectState = Readonly<Record<string, LiveCollection>>;

/** What changes the collection state. */
export type CollectAction =
  | { type: 'started'; jobId: string; runId: number; siteId: number; hostsTotal: number }
  | { type: 'host'; event: EventOf<'collect:host'> }
  | { type: 'finished'; event: CollectFinishedEvent };

const TERMINAL: ReadonlySet<HostPhase> = new Set(['done', 'failed']);
const PHASE_RANK: Record<HostPhase, number> = { queued: 0, connecting: 1, collecting: 2, done: 3, failed: 3 };

let sequence = 0;

function ensure(state: Record<string, LiveCollection>, jobId: string, runId: number): LiveCollection {
  return state[jobId] ?? { jobId, runId, siteId: null, hostsTotal: 0, hosts: [], summary: null, sequence: ++sequence };
}

/**
 * Applies a batch of actions. A host never moves backwards: events from a worker pool can
 * arrive out of order, and "connecting" after "done" would make a finished host look stuck.
 */
export function reduceCollections(state: CollectState, actions: readonly CollectAction[]): CollectState {
  if (actions.length === 0) return state;
  const next: Record<string, LiveCollection> = { ...state };
  for (const action of actions) {
    switch (action.type) {
      case 'started': {
        const run = ensure(next, action.jobId, action.runId);
        next[action.jobId] = { ...run, siteId: action.siteId, hostsTotal: Math.max(run.hostsTotal, action.hostsTotal) };
        break;
      }
      case 'host': {
        const { jobId, runId, assetId, hostname, phase, errorCode, message, pendingCount, securityCount } = action.event;
        const run = ensure(next, jobId, runId);
        const index = run.hosts.findIndex((host) => host.assetId === assetId);
        const previous = index >= 0 ? run.hosts[index] : undefined;
        if (previous && (TERMINAL.has(previous.phase) || PHASE_RANK[previous.phase] > PHASE_RANK[phase])) {
          next[jobId] = run;
          break;
        }
        const entry: LiveHostCollection = {
          assetId,
          hostname: hostname || previous?.hostname || `asset ${assetId}`,
          phase,
          errorCode,
          message: message ?? '',
          pendingCount: pendingCount ?? previous?.pendingCount ?? null,
          securityCount: securityCount ?? previous?.securityCount ?? null,
        };
        const hosts = index >= 0 ? run.hosts.map((host, at) => (at === index ? entry : host)) : [...run.hosts, entry];
        next[jobId] = { ...run, hosts, hostsTotal: Math.max(run.hostsTotal, hosts.length) };
        break;
      }
      case 'finished': {
        const { jobId, summary } = action.event;
        const run = ensure(next, jobId, summary.id);
        next[jobId] = { ...run, summary, hostsTotal: Math.max(run.hostsTotal, summary.hostsTotal), siteId: run.siteId ?? summary.siteId };
        break;
      }
    }
  }
  return next;
}

/** True while the run has not reported its end. */
export function isCollecting(run: LiveCollection): boolean {
  return run.summary === null;
}

/** Hosts per phase and how many are finished (done or failed), for the progress bar. */
export function collectionProgress(run: LiveCollection): { finished: number; ok: number; failed: number; active: number; queued: number; total: number } {
  let ok = 0;
  let failed = 0;
  let active = 0;
  let queued = 0;
  for (const host of run.hosts) {
    if (host.phase === 'done') ok += 1;
    else if (host.phase === 'failed') failed += 1;
    else if (host.phase === 'queued') queued += 1;
    else active += 1;
  }
  if (run.summary) {
    ok = Math.max(ok, run.summary.hostsOk);
    failed = Math.max(failed, run.summary.hostsFailed);
  }
  const total = Math.max(run.hostsTotal, run.hosts.length);
  return { finished: ok + failed, ok, failed, active, queued: Math.max(queued, total - ok - failed - active), total };
}

/** Display order: hosts at work first, then failures (they need reading), then queued, then done. */
export function orderedHosts(run: LiveCollection): LiveHostCollection[] {
  const rank: Record<HostPhase, number> = { connecting: 0, collecting: 0, failed: 1, queued: 2, done: 3 };
  return [...run.hosts].sort((a, b) => rank[a.phase] - rank[b.phase] || a.hostname.localeCompare(b.hostname));
}

/** The run to show for a site: the latest started for it, or followed from events of its runs. */
export function latestCollectionForSite(state: CollectState, siteId: number, siteRunIds: ReadonlySet<number>): LiveCollection | null {
  let latest: LiveCollection | null = null;
  for (const run of Object.values(state)) {
    const belongs = run.siteId === siteId || (run.siteId === null && siteRunIds.has(run.runId));
    if (belongs && (!latest || run.sequence > latest.sequence)) latest = run;
  }
  return latest;
}
