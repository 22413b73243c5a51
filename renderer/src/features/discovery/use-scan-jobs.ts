import { useMemo } from 'react';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';
import { isRunning, latestScanForSite, type LiveScan } from './scan-state';
import { useScans } from './scan-context';

/** Previous scans of a site, newest first. */
export function useScanHistory(siteId: number) {
  return useApiQuery('scan:list', { siteId });
}

/** Starts a scan and starts following it. */
export function useStartScan(siteId: number) {
  const start = useApiMutation('scan:start', ['scan:list', 'sites:list']);
  const { record } = useScans();
  return {
    ...start,
    run: async (request: Parameters<typeof start.run>[0]) => {
      const started = await start.run(request);
      record({ type: 'started', jobId: started.jobId, scanId: started.scanId, siteId, totalAddresses: started.totalAddresses });
      return started;
    },
  };
}

/** Cancels a running scan. */
export function useCancelScan() {
  return useApiMutation('scan:cancel', ['scan:list']);
}

/** The scan to show for the site (running or last finished in this window). */
export function useCurrentScan(siteId: number): LiveScan | null {
  const { scans } = useScans();
  const history = useScanHistory(siteId);
  const siteScanIds = useMemo(() => new Set((history.data ?? []).map((scan) => scan.id)), [history.data]);
  return latestScanForSite(scans, siteId, siteScanIds);
}

/** Every scan still running in this window, for the top-bar indicator. */
export function useRunningScans(): LiveScan[] {
  const { scans } = useScans();
  return useMemo(() => Object.values(scans).filter(isRunning), [scans]);
}
