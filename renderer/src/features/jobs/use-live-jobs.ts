import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { useApiContext } from '../../api/api-context';
import { useApiEvent } from '../../api/use-api-event';
import { useApiQuery } from '../../api/use-api-query';
import { activeJobs, reduceLiveJobs, type LiveJob, type LiveJobs } from './live-jobs-state';

/** Jobs read back when a window opens or reloads: enough to find every running one. */
const RECENT_JOBS = 50;

/**
 * Follows the long jobs of one site (and, optionally, one kind), whichever process runs them.
 * When a window opens or reloads it re-attaches through `jobs:list`; then it follows
 * `job:progress` events, ignoring those it has already seen. A job another process starts or
 * ends reaches the window as a `jobs` change notice, which reads the list again.
 */
export function useLiveJobs(filter: { siteId: number | null; kind?: string }): { jobs: LiveJobs; active: LiveJob[]; cancel: (jobId: string) => Promise<void> } {
  const { client, cache } = useApiContext();
  const { siteId, kind } = filter;
  const listed = useApiQuery('jobs:list', siteId === null ? null : { siteId, ...(kind ? { kind } : {}), limit: RECENT_JOBS });
  const [jobs, dispatch] = useReducer(reduceLiveJobs, {});

  useEffect(() => {
    if (listed.data) dispatch({ type: 'listed', rows: listed.data });
  }, [listed.data]);

  useApiEvent('job:progress', (event) => {
    if (siteId === null || event.siteId !== siteId || (kind !== undefined && event.kind !== kind)) return;
    dispatch({ type: 'event', event });
  });

  const cancel = useCallback(
    async (jobId: string) => {
      await client.invoke('jobs:cancel', { jobId });
      cache.invalidate(['jobs:list', 'jobs:get']);
    },
    [client, cache],
  );

  const mine = useMemo(() => Object.fromEntries(Object.entries(jobs).filter(([, job]) => job.siteId === siteId && (kind === undefined || job.kind === kind))), [jobs, siteId, kind]);
  return { jobs: mine, active: activeJobs(mine), cancel };
}
