import { useMemo } from 'react';
import { useApiMutation } from '../../api/use-api-mutation';
import { useCollections } from './collect-context';
import { isCollecting, latestCollectionForSite, type LiveCollection } from './collect-run-state';
import { useCollectHistory } from './use-patch-status';

/** Starts a collection run and starts following it. */
export function useStartCollection(siteId: number) {
  const start = useApiMutation('collect:start', ['collect:list']);
  const { record } = useCollections();
  return {
    ...start,
    run: async (request: Parameters<typeof start.run>[0]) => {
      const started = await start.run(request);
      record({ type: 'started', jobId: started.jobId, runId: started.runId, siteId, hostsTotal: started.hostsTotal });
      return started;
    },
  };
}

/** The run to show for the site: running, or the last one finished in this window. */
export function useCurrentCollection(siteId: number): LiveCollection | null {
  const { runs } = useCollections();
  const history = useCollectHistory(siteId);
  const runIds = useMemo(() => new Set((history.data ?? []).map((run) => run.id)), [history.data]);
  return latestCollectionForSite(runs, siteId, runIds);
}

/** True while any run of the site is still going. */
export function useIsCollecting(siteId: number): boolean {
  const current = useCurrentCollection(siteId);
  return current ? isCollecting(current) : false;
}
