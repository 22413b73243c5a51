import { useEffect } from 'react';
import type { PatchdeskClient } from './client';
import { LiveUpdates, requestConcernsSite } from './live-updates';
import type { QueryCache } from './query-cache';

/**
 * Refreshes cached reads when the server announces a change (this window's, another window's or
 * the CLI's), and reads everything again whenever the event stream (re)opens: a change made
 * while it was down was announced to nobody. Used once, by the API provider.
 */
export function useLiveUpdates(client: PatchdeskClient, cache: QueryCache): void {
  useEffect(() => {
    const live = new LiveUpdates(
      {
        invalidate: (channels, siteId) => cache.invalidate(channels, siteId === null ? undefined : (request) => requestConcernsSite(request, siteId)),
        invalidateAll: () => cache.invalidateAll(),
      },
      { now: () => performance.now(), setTimeout: (callback, ms) => window.setTimeout(callback, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) },
    );
    const stopNotices = client.subscribe('data:changed', (notice) => live.receive(notice));
    // Reads started before this point were answered after any earlier change; only a later (re)open leaves a gap.
    let previous = client.connection.get().status;
    const stopWatching = client.connection.subscribe(() => {
      const status = client.connection.get().status;
      if (status === 'open' && previous !== 'open') live.reconnected();
      previous = status;
    });
    return () => {
      stopNotices();
      stopWatching();
      live.dispose();
    };
  }, [client, cache]);
}
