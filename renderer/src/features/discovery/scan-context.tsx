import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ChannelName } from '../../../../shared/contract';
import { useApiEvent } from '../../api/use-api-event';
import { useBatchedJobState } from '../../api/use-batched-job-state';
import { reduceScans, type ScanAction, type ScanState } from './scan-state';

const LIVE_READS: ChannelName[] = ['assets:list', 'sites:list'];
const isUrgent = (action: ScanAction) => action.type === 'started' || action.type === 'finished';

interface ScanContextValue {
  scans: ScanState;
  record: (action: ScanAction) => void;
}

const ScanContext = createContext<ScanContextValue | null>(null);

/**
 * Follows every scan for the whole app, so a scan keeps running and reporting while the admin
 * works elsewhere. Events are applied in batches; the inventory refreshes as hosts arrive
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

  useApiEvent('scan:progress', (event) => record({ type: 'progress', event }));
  useApiEvent('scan:host', (event) => {
    record({ type: 'host', event });
    refreshSoon();
  });
  useApiEvent('scan:finished', (event) => {
    record({ type: 'finished', event });
    invalidate([...LIVE_READS, 'scan:list', 'assets:get']);
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
