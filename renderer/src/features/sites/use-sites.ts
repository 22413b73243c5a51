import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** Channels whose answers change when a site changes. */
const SITE_READS: ChannelName[] = ['sites:list'];

/** Every site, with the counts the switcher shows. */
export function useSites() {
  return useApiQuery('sites:list', {});
}

/** Creates a site. */
export function useCreateSite() {
  return useApiMutation('sites:create', SITE_READS);
}

/** Updates a site's name, networks, time zone, contact or notes. */
export function useUpdateSite() {
  return useApiMutation('sites:update', SITE_READS);
}
