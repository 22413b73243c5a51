import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { CollectionRunSummary, isActiveJobState, type ChannelName } from '../../../../shared/contract';
import { useApiEvent } from '../../api/use-api-event';
import { useBatchedJobState } from '../../api/use-batched-job-state';
import { reduceCollections, type CollectAction, type CollectState } from './collect-run-state';
import { STATUS_READS } from './use-patch-status';

/** The job kind of collection runs (electron/services/patch-status/collect-jobs.service.ts). */
const COLLECT_JOB_KIND = 'collect';
const LIVE_READS: ChannelName[] = ['status:fleet', 'hostkeys:list'];
const isUrgent = (action: CollectAction) => action.type !== 'host';

interface CollectContextValue {
  runs: CollectState;
  record: (action: CollectAction) => void;
}

const CollectContext = createContext<CollectContextValue | null>(null);

/**
 * Follows every collection run for the whole app, so a run keeps reporting while the admin
 * works elsewhere. Host events are batched; the overview refreshes as hosts finish (throttled)
 * and once more at the end.
 */
export function CollectProvider({ children }: { children: ReactNode }) {
  const { state: runs, record, refreshSoon, invalidate } = useBatchedJobState<CollectState, CollectAction>({
    initial: {},
    reduce: reduceCollections,
    isUrgent,
    flushMs: 150,
    refreshMs: 3000,
    liveReads: LIVE_READS,
  });

  useApiEvent('collect:host', (event) => {
    record({ type: 'host', event });
    if (event.phase === 'done' || event.phase === 'failed') refreshSoon();
  });
  useApiEvent('job:progress', (event) => {
    if (event.kind !== COLLECT_JOB_KIND || isActiveJobState(event.state)) return;
    const summary = CollectionRunSummary.safeParse(event.result);
    if (summary.success) record({ type: 'finished', event: { jobId: event.jobId, summary: summary.data } });
    invalidate(STATUS_READS);
  });

  const value = useMemo(() => ({ runs, record }), [runs, record]);
  return <CollectContext.Provider value={value}>{children}</CollectContext.Provider>;
}

/** Every collection run followed in this window, and the way to record a started one. */
export function useCollections(): CollectContextValue {
  const value = useContext(CollectContext);
  if (!value) throw new Error('useCollections needs a <CollectProvider> above it');
  return value;
}
