import { useSyncExternalStore } from 'react';
import { useApiContext } from './api-context';
import type { ConnectionState } from './connection-state';

/** The live connection state, for the indicator and the token screen. */
export function useConnectionState(): ConnectionState {
  const { client } = useApiContext();
  return useSyncExternalStore(client.connection.subscribe, client.connection.get);
}
