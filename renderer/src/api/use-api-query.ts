import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import { useApiContext } from './api-context';
import { queryKey, type QuerySnapshot } from './query-cache';

/** A cached read call and its state. */
export interface ApiQuery<C extends ChannelName> extends QuerySnapshot<ResponseOf<C>> {
  refetch: () => Promise<void>;
}

const IDLE: QuerySnapshot = { data: undefined, error: undefined, loading: false, fetching: false };

/** Reads a channel through the cache; pass `null` as the request to wait (for example, no site yet). */
export function useApiQuery<C extends ChannelName>(channel: C, request: RequestOf<C> | null): ApiQuery<C> {
  const { cache } = useApiContext();
  // Callers build requests inline; the serialised key keeps the subscription stable across renders.
  const key = request === null ? null : queryKey(channel, request);
  const stableRequest = useMemo(() => request, [key]);
  const subscribe = useCallback(
    (listener: () => void) => (stableRequest === null ? () => undefined : cache.watch(channel, stableRequest, listener)),
    [cache, channel, stableRequest],
  );
  const getSnapshot = useCallback(() => (key === null ? IDLE : cache.snapshot(key)), [cache, key]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot);
  const refetch = useCallback(() => (key === null ? Promise.resolve() : cache.refetch(key)), [cache, key]);
  return { ...(snapshot as QuerySnapshot<ResponseOf<C>>), refetch };
}
