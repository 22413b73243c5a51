import type { SiteVulnerabilities } from '../../../../shared/contract';
import { mappingInProgressText } from '../../../../shared/domain/intel/mapping-progress';
import { formatCount, plural } from '../../lib/format';

/**
 * The overview's "Known exploited, still missing" line: not measured without feeds, never 0;
 * while the mapping job has assets to remap, it names how many and never counts them clean.
 */
export function kevHeadline(data: SiteVulnerabilities): string {
  if (!data.feeds.kev) return 'Not measured: no CISA KEV catalogue imported';
  if (!data.feeds.distribution && data.updates.length === 0) return 'Not measured: no distribution feed imported and no package manager named CVEs';
  const pending = data.mapping.current ? '' : `; ${mappingInProgressText(data.mapping.pendingAssets)} (not counted as clean)`;
  if (data.kevMissing.length === 0) return `None of the mapped assets misses a fix for a known-exploited CVE${pending}`;
  const assets = new Set(data.kevMissing.flatMap((item) => item.assetIds));
  const withoutFix = new Set(data.kevMissing.flatMap((item) => item.withoutFix));
  return `${plural(data.kevMissing.length, 'known-exploited CVE')} on ${plural(assets.size, 'asset')}${withoutFix.size ? `; ${formatCount(withoutFix.size)} without a fix offered` : ''}${pending}`;
}
