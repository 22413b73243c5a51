import { useApiMutation } from '../../api/use-api-mutation';
import { ASSET_READS } from '../inventory/use-assets';

/** Parses a CSV for the preview and mapping step (changes nothing). */
export function useCsvPreview() {
  return useApiMutation('import:csvPreview');
}

/** Imports the mapped CSV. */
export function useCsvCommit() {
  return useApiMutation('import:csvCommit', ASSET_READS);
}

/** Imports an nmap XML report. */
export function useNmapImport() {
  return useApiMutation('import:nmap', ASSET_READS);
}

/** Exports the site's assets as CSV or JSON text. */
export function useExportAssets() {
  return useApiMutation('export:assets');
}
