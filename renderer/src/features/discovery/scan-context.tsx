import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChannelName } from '../../../../shared/contract';
import { useApiEvent } from '../../api/use-api-event';
import { useInvalidate } from '../../api/use-api-cache';
import { reduceScans, type ScanAction, type ScanState } from './scan-state';

/** How often buffered scan events are applied: often enough to feel live, rarely enough to stay cheap. */
const FLUSH_MS = 120;
/** How often the inventory is refreshed while new hosts keep arriving. */
const REFRESH_MS = 2500;

const LIVE_READS: ChannelName[] = ['assets:list', 'sites:list'];

interface ScanContextValue {
  scans: ScanState;
  record: (action: ScanAction) => void;
}

const ScanContext = createContext<ScanContextValue | null>(null);

/**
 * Follows every scan for the whole app, so a scan keeps running and reporting while the admin
 * works elsewhere. Events are buffered and applied in batches; the inventory refreshes as hosts
 * arrive (throttled) and once more when a scan ends.
 */
export function ScanProvider({ children }: { children: ReactNode }) {
  const [scans, setScans] = useState<ScanState>({});
  const buffer = useRef<ScanAction[]>([]);
  const flushTimer = useRef<number | null>(null);
  const lastRefresh = useRef(0);
  const refreshTimer = useRef<number | null>(null);
  const invalidate = useInvalidate();

  const flush = useCallback(() => {
    flushTimer.current = null;
    const actions = buffer.current;
    buffer.current = [];
    setScans((current) => reduceScans(current, actions));
  }, []);

  const record = useCallback(
    (action: ScanAction) => {
      buffer.current.push(action);
      if (action.type === 'started' || action.type === 'finished') flush();
      else flushTimer.current ??= window.setTimeout(flush, FLUSH_MS);
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

  useApiEvent('scan:progress', (event) => record({ type: 'progress', event }));
  useApiEvent('scan:host', (event) => {
    record({ type: 'host', event });
    refreshSoon();
  });
  useApiEvent('scan:finished', (event) => {
    record({ type: 'finished', event });
    invalidate([...LIVE_READS, 'scan:list', 'assets:get']);
  });

  useEffect(
    () => () => {
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    },
    [],
  );

  const value = useMemo(() => ({ scans, record }), [scans, record]);
  return <ScanContext.Provider value={value}>{children}</ScanContext.Provider>;
}

/** Every scan followed in this window, and the way to record a started one. */
export function useScans(): ScanContextValue {
  const value = useContext(ScanContext);
  if (!value) throw new Error('useScans needs a <ScanProvider> above it');
  return value;
}
