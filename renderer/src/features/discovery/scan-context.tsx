import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { isActiveJobState, ScanJobProgress, ScanSummary, type ChannelName } from '../../../../shared/contract';
import { useApiQuery } from '../../api/use-api-query';
import { useApiEvent } from '../../api/use-api-event';
import { useBatchedJobState } from '../../api/use-batched-job-state';
import { reduceScans, type ScanAction, type ScanState } from './scan-state';

/** The job kind of scans (electron/services/scans/scan-jobs.service.ts). */
const SCAN_JOB_KIND = 'scan';
const LIVE_READS: ChannelName[] = ['assets:list', 'sites:list'];
const isUrgent = (action: ScanAction) => action.type === 'started' || action.type === 'finished';

interface ScanContextValue {
  scans: ScanState;
  record: (action: ScanAction) => void;
}

const ScanContext = createContext<ScanContextValue | null>(null);

/**
 * Follows every scan for the whole app, so a scan keeps running and reporting while the admin
 * works elsewhere. A window that opens or reloads re-attaches to the scans running in any process
 * (`jobs:list`, read again when another process starts or ends one), then follows `job:progress`. Events are applied in batches; the inventory refreshes as hosts arrive
 * (throttled) and once more when a scan ends.
 */
export function ScanProvider({ children }: { children: ReactNode }) {
  const { state: scans, record, refreshSoon, invalidate } = useBatchedJobState<ScanState, ScanAction>({
    initial: {},
    reduce: reduceScans,
    isUrgent,
    flushMs: 120,
    refreshMs: 2500,
    liveReads: LIVE_READS,
  });

  // Re-attach to the scans running in any process when the window opens or reloads.
  const running = useApiQuery('jobs:list', { kind: SCAN_JOB_KIND, states: ['queued', 'running', 'waiting'], limit: 20 });
  useEffect(() => {
    for (const job of running.data ?? []) {
      const progress = ScanJobProgress.safeParse(job.progress);
      if (!progress.success || job.siteId === null) continue;
      record({ type: 'started', jobId: job.id, scanId: progress.data.scanId, siteId: job.siteId, totalAddresses: progress.data.totalAddresses });
      record({ type: 'progress', event: { jobId: job.id, ...progress.data } });
    }
  }, [running.data, record]);

  useApiEvent('job:progress', (event) => {
    if (event.kind !== SCAN_JOB_KIND) return;
    if (isActiveJobState(event.state)) {
      const progress = ScanJobProgress.safeParse(event.progress);
      if (progress.success) record({ type: 'progress', event: { jobId: event.jobId, ...progress.data } });
      return;
    }
    const summary = ScanSummary.safeParse(event.result);
    if (summary.success) record({ type: 'finished', event: { jobId: event.jobId, summary: summary.data } });
    invalidate([...LIVE_READS, 'scan:list', 'assets:get']);
  });
  useApiEvent('scan:host', (event) => {
    record({ type: 'host', event });
    refreshSoon();
  });

  const value = useMemo(() => ({ scans, record }), [scans, record]);
  return <ScanContext.Provider value={value}>{children}</ScanContext.Provider>;
}

/** Every scan followed in this window, and the way to record a started one. */
export function useScans(): ScanContextValue {
  const value = useContext(ScanContext);
  if (!value) throw new Error('useScans needs a <ScanProvider> above it');
  return value;
}
