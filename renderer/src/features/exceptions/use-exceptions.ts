import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/**
 * Every read that changes when the register changes. Exceptions change SLA standings, so the
 * dashboard, the fleet and the evidence preview are read again too.
 */
export const EXCEPTION_READS: ChannelName[] = ['exceptions:list', 'compliance:summary', 'status:fleet', 'status:asset', 'evidence:preview'];

/** The site's register, every status, computed by the host as of now. */
export function useExceptions(siteId: number) {
  return useApiQuery('exceptions:list', { siteId });
}

/** The site's patch policy (for the maximum exception length). */
export function useSitePolicy(siteId: number) {
  return useApiQuery('policy:get', { siteId });
}

/** Records a new exception. */
export function useCreateException() {
  return useApiMutation('exceptions:create', EXCEPTION_READS);
}

/** Continues an exception with a new expiry; the old entry stays as history. */
export function useRenewException() {
  return useApiMutation('exceptions:renew', EXCEPTION_READS);
}

/** Ends an exception early with a reason. */
export function useCloseException() {
  return useApiMutation('exceptions:close', EXCEPTION_READS);
}
