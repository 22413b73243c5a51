import { useEffect, useRef } from 'react';
import type { EventName, EventOf } from '../../../shared/contract';
import { useApiContext } from './api-context';

/** Listens to a push event for the life of the component; the latest listener is always called. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): void {
  const { client } = useApiContext();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.subscribe(event, (payload) => latest.current(payload)), [client, event]);
}
