import { useCallback, useRef, useState } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import { useApiContext } from './api-context';

/** A write call: `run` resolves with the answer or rethrows the ApiClientError, after invalidating. */
export interface ApiMutation<C extends ChannelName> {
  run: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
  pending: boolean;
  error: unknown;
  reset: () => void;
}

/** Calls a channel that changes state, then invalidates the cached channels it affects. */
export function useApiMutation<C extends ChannelName>(channel: C, invalidates: readonly ChannelName[] = []): ApiMutation<C> {
  const { client, cache } = useApiContext();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const invalidatesRef = useRef(invalidates);
  invalidatesRef.current = invalidates;

  const run = useCallback(
    async (request: RequestOf<C>) => {
      setPending(true);
      setError(undefined);
      try {
        const value = await client.invoke(channel, request);
        cache.invalidate(invalidatesRef.current);
        return value;
      } catch (caught) {
        setError(caught);
        throw caught;
      } finally {
        setPending(false);
      }
    },
    [cache, channel, client],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { run, pending, error, reset };
}
