import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** Every read that changes when a host is collected or a host key is approved. */
export const STATUS_READS: ChannelName[] = ['status:fleet', 'status:asset', 'collect:list', 'hostkeys:list', 'credentials:list', 'credentials:uses', 'compliance:summary', 'evidence:preview'];

/** The site's fleet overview: counts per bucket and one line per asset. */
export function useFleetStatus(siteId: number) {
  return useApiQuery('status:fleet', { siteId });
}

/** One asset's patch detail: pending updates with ages, installed packages, collection history. */
export function useAssetPatchDetail(assetId: number | null) {
  return useApiQuery('status:asset', assetId === null ? null : { assetId });
}

/** Earlier collection runs of the site. */
export function useCollectHistory(siteId: number) {
  return useApiQuery('collect:list', { siteId });
}

/** Pinned and changed host keys of the site. */
export function useHostKeys(siteId: number) {
  return useApiQuery('hostkeys:list', { siteId });
}

/** Trusts a host's new key (the exact fingerprint the admin compared). */
export function useApproveHostKey() {
  return useApiMutation('hostkeys:approve', STATUS_READS);
}

/** Imports an offline collection file. */
export function useImportCollection() {
  return useApiMutation('collect:importFile', [...STATUS_READS, 'assets:list', 'assets:get']);
}

/** Cancels a running collection. */
export function useCancelCollection() {
  return useApiMutation('collect:cancel', ['collect:list']);
}
