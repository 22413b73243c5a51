import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** The triage of one id in a site; null while there is no id to ask about. */
export function useTriage(siteId: number, id: string | null) {
  return useApiQuery('triage:run', id === null || id.trim() === '' ? null : { siteId, id });
}

/** CVEs, KEV and EPSS per pending update, mapping per asset, and the KEV headline of a site. */
export function useSiteVulnerabilities(siteId: number) {
  return useApiQuery('triage:site', { siteId });
}

/** One asset's CVE links (the asset drawer). */
export function useAssetVulnerabilities(assetId: number | null) {
  return useApiQuery('triage:asset', assetId === null ? null : { assetId });
}

const CYCLE_READS: ChannelName[] = ['cycles:list', 'cycles:get', 'cycles:late', 'compliance:summary', 'evidence:preview'];

/** Opens the emergency cycle a triage drafted (the cycles service's own channel). */
export function useOpenEmergencyCycle() {
  return useApiMutation('cycles:openEmergency', CYCLE_READS);
}
