import type { MappingFreshness } from '../../../../shared/contract';
import { mappingNotice } from '../../../../shared/domain/intel/mapping-progress';
import { InlineAlert } from '../../components/inline-alert';

/**
 * While the site's CVE mapping job has assets to remap, every screen whose figures depend on the
 * links (compliance, the fleet, the KEV headline) says so in the same words; nothing when current.
 */
export function MappingProgressNotice({ mapping, testId = 'mapping-progress' }: { mapping: MappingFreshness | undefined; testId?: string }) {
  const notice = mapping ? mappingNotice(mapping) : null;
  if (notice === null) return null;
  return (
    <InlineAlert tone="warning" testId={testId}>
      {notice}
    </InlineAlert>
  );
}
