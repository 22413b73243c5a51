import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';
import { ASSET_READS } from '../inventory/use-assets';

/** Classifies assets with the same answers. */
export function useClassify() {
  return useApiMutation('tiers:classify', ASSET_READS);
}

/** Sets or clears a manual tier, with a reason. */
export function useOverride() {
  return useApiMutation('tiers:override', ASSET_READS);
}

/** The site's patch policy. */
export function usePolicy(siteId: number) {
  return useApiQuery('policy:get', { siteId });
}

/** Saves the site's patch policy. */
export function useUpdatePolicy() {
  return useApiMutation('policy:update', ['policy:get']);
}
