import { useCallback, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const readHash = () => window.location.hash;

/** The current route from the URL hash, and a way to go elsewhere (a history entry per move). */
export function useRoute(): { route: Route; navigate: (route: Route) => void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const navigate = useCallback((route: Route) => {
    const next = formatRoute(route);
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  return { route: parseRoute(hash), navigate };
}
