import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Site } from '../../../../shared/contract';
import { usePreferences } from '../../api/use-preferences';
import { useSites } from './use-sites';

/** The site everything else works on, and the way to switch. */
export interface CurrentSite {
  sites: readonly Site[];
  site: Site | null;
  /** True until the site list first arrives. */
  loading: boolean;
  error: unknown;
  selectSite: (id: number) => void;
  retry: () => void;
}

const CurrentSiteContext = createContext<CurrentSite | null>(null);

/** Loads the sites and remembers the last one used (per user, across restarts). */
export function CurrentSiteProvider({ children }: { children: ReactNode }) {
  const preferences = usePreferences();
  const sitesQuery = useSites();
  const [selectedId, setSelectedId] = useState<number | null>(() => preferences.peek('lastSiteId') ?? null);

  useEffect(() => {
    let live = true;
    void preferences.get('lastSiteId').then((stored) => {
      if (live && typeof stored === 'number') setSelectedId((current) => current ?? stored);
    });
    return () => {
      live = false;
    };
  }, [preferences]);

  const selectSite = useCallback(
    (id: number) => {
      setSelectedId(id);
      void preferences.set('lastSiteId', id);
    },
    [preferences],
  );

  const sites = sitesQuery.data ?? [];
  // A remembered site that was since removed falls back to the first one.
  const site = sites.find((candidate) => candidate.id === selectedId) ?? sites[0] ?? null;
  const value = useMemo<CurrentSite>(
    () => ({ sites, site, loading: sitesQuery.loading, error: sitesQuery.error, selectSite, retry: () => void sitesQuery.refetch() }),
    [sites, site, sitesQuery.loading, sitesQuery.error, selectSite, sitesQuery.refetch],
  );
  return <CurrentSiteContext.Provider value={value}>{children}</CurrentSiteContext.Provider>;
}

/** The current site and the site list. */
export function useCurrentSite(): CurrentSite {
  const value = useContext(CurrentSiteContext);
  if (!value) throw new Error('useCurrentSite needs a <CurrentSiteProvider> above it');
  return value;
}

/** The current site, for screens that only render once there is one. */
export function useRequiredSite(): Site {
  const { site } = useCurrentSite();
  if (!site) throw new Error('useRequiredSite used before a site exists');
  return site;
}
