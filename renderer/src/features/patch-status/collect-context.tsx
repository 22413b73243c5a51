import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChannelName } from '../../../../shared/contract';
import { useApiEvent } from '../../api/use-api-event';
import { useInvalidate } from '../../api/use-api-cache';
import { reduceCollections, type CollectAction, type CollectState } from './collect-run-state';
import { STATUS_READS } from './use-patch-status';

/** How often buffered host events are applied. */
const FLUSH_MS = 150;
/** How often the overview refreshes while hosts keep finishing. */
const REFRESH_MS = 3000;

const LIVE_READS: ChannelName[] = ['status:fleet', 'hostkeys:list'];

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
  const [runs, setRuns] = useState<CollectState>({});
  const buffer = useRef<CollectAction[]>([]);
  const flushTimer = useRef<number | null>(null);
  const refreshTimer = useRef<number | null>(null);
  const lastRefresh = useRef(0);
  const invalidate = useInvalidate();

  const flush = useCallback(() => {
    flushTimer.current = null;
    const actions = buffer.current;
    buffer.current = [];
    setRuns((current) => reduceCollections(current, actions));
  }, []);

  const record = useCallback(
    (action: CollectAction) => {
      buffer.current.push(action);
      if (action.type === 'host') flushTimer.current ??= window.setTimeout(flush, FLUSH_MS);
      else flush();
    },
    [flush],
  );

  const refreshSoon = useCallback(() => {
    const wait = Math.max(0, lastRefresh.current + REFRESH_MS - Date.now());
    refreshTimer.current ??= window.setTimeout(() => {
      refreshTimer.current = null;
      lastRefresh.current = Date.now();
      invalidate(LIVE_READS);
    }, wait);
  }, [invalidate]);

  useApiEvent('collect:host', (event) => {
    record({ type: 'host', event });
    if (event.phase === 'done' || event.phase === 'failed') refreshSoon();
  });
  useApiEvent('collect:finished', (event) => {
    record({ type: 'finished', event });
    invalidate(STATUS_READS);
  });

  useEffect(
    () => () => {
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    },
    [],
  );

  const value = useMemo(() => ({ runs, record }), [runs, record]);
  return <CollectContext.Provider value={value}>{children}</CollectContext.Provider>;
}

/** Every collection run followed in this window, and the way to record a started one. */
export function useCollections(): CollectContextValue {
  const value = useContext(CollectContext);
  if (!value) throw new Error('useCollections needs a <CollectProvider> above it');
  return value;
}
