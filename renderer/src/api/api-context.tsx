import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { PatchdeskClient } from './client';
import { QueryCache } from './query-cache';
import { useLiveUpdates } from './use-live-updates';

interface ApiContextValue {
  client: PatchdeskClient;
  cache: QueryCache;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Makes the client and its query cache available to the hooks below it, and keeps the cache true to the data. */
export function ApiProvider({ client, children }: { client: PatchdeskClient; children: ReactNode }) {
  const value = useMemo(() => ({ client, cache: new QueryCache((channel, request) => client.invoke(channel, request as never)) }), [client]);
  useLiveUpdates(value.client, value.cache);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

/** The client and cache; only hooks use this, components go through feature hooks. */
export function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApiContext needs an <ApiProvider> above it');
  return value;
}
