/** The Feeds panel's calls: the feed list with ages, importing a feed file, importing a signed bundle. */
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** Every current feed with its provenance and age. */
export function useIntelStatus() {
  return useApiQuery('intel:status', {});
}

/** Imports one feed file (KEV, EPSS, NVD, OSV, Debian tracker, Microsoft). */
export function useImportFeed() {
  return useApiMutation('intel:import', ['intel:status', 'intel:cve']);
}

/** Verifies a signed bundle (trusted signers only) and imports its feeds. */
export function useImportBundle() {
  return useApiMutation('intel:importBundle', ['intel:status', 'intel:cve']);
}
