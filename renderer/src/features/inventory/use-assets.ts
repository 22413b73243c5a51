import { AssetStatus, type ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

const ALL_STATUSES = [...AssetStatus.options];

/** Every read that changes when assets change (site counts included). */
export const ASSET_READS: ChannelName[] = ['assets:list', 'assets:get', 'assets:history', 'sites:list'];

/** All assets of a site, every status; the lists and counts are derived from this one read. */
export function useSiteAssets(siteId: number | null) {
  return useApiQuery('assets:list', siteId === null ? null : { siteId, statuses: ALL_STATUSES });
}

/** One asset, fresh from the host (the drawer edits this version). */
export function useAsset(id: number | null) {
  return useApiQuery('assets:get', id === null ? null : { id });
}

/** Who changed what on an asset, and when. */
export function useAssetHistory(id: number | null) {
  return useApiQuery('assets:history', id === null ? null : { id });
}

/** Accepts or dismisses found hosts. */
export function useReviewAssets() {
  return useApiMutation('assets:review', ASSET_READS);
}

/** Retires assets with a reason. */
export function useRetireAssets() {
  return useApiMutation('assets:retire', ASSET_READS);
}

/** Sets access (method, port, user) on many assets at once. */
export function useSetAccess() {
  return useApiMutation('assets:setAccess', ASSET_READS);
}

/** Adds an asset by hand. */
export function useCreateAsset() {
  return useApiMutation('assets:create', ASSET_READS);
}

/** Edits an asset, naming the version that was edited. */
export function useUpdateAsset() {
  return useApiMutation('assets:update', ASSET_READS);
}
