/**
 * Whether a site's CVE mapping is current. Mapping runs as a background `cve-mapping` job per
 * site; until it has remapped an asset, every figure that depends on the asset's CVE links (the
 * known-exploited headline, KEV badges, the KEV rules' shorter deadlines and so the SLA figures)
 * is not final for it, and the asset is never counted as clean. Every surface says so in the same
 * words, from here.
 */

/** A site's mapping as a read found it: current, or how many (and which) assets wait for the job. */
export interface MappingProgress {
  current: boolean;
  pendingAssets: number;
  /** The waiting assets' ids, ascending. */
  assetIds: number[];
}

/** Nothing waits (a site without a mapping job, or a short-lived process that remapped first). */
export const MAPPING_CURRENT: MappingProgress = { current: true, pendingAssets: 0, assetIds: [] };

/** "mapping in progress for 3 assets". */
export function mappingInProgressText(pendingAssets: number): string {
  return `mapping in progress for ${pendingAssets} ${pendingAssets === 1 ? 'asset' : 'assets'}`;
}

/** The one-sentence notice every surface prints while the mapping is not current; null when it is. */
export function mappingNotice(progress: Pick<MappingProgress, 'current' | 'pendingAssets'>): string | null {
  if (progress.current) return null;
  const text = mappingInProgressText(progress.pendingAssets);
  return `CVE ${text}: their known-exploited fixes and KEV deadlines are not final, and they are not counted as clean.`;
}
