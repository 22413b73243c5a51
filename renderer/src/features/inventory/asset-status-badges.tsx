import type { Asset } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { plural } from '../../lib/format';

/** The lifecycle flags of an asset that need attention: unreviewed, stale, dismissed, retired. */
export function AssetStatusBadges({ asset }: { asset: Asset }) {
  return (
    <span className="badge-row">
      {asset.status === 'unreviewed' ? (
        <Badge tone="info" testId="badge-unreviewed">
          Unreviewed
        </Badge>
      ) : null}
      {asset.stale ? (
        <Badge tone="warning" title={`Missed ${plural(asset.missedScans, 'scan')} in a row`} testId="badge-stale">
          Stale
        </Badge>
      ) : null}
      {asset.status === 'dismissed' ? <Badge>Dismissed</Badge> : null}
      {asset.status === 'retired' ? <Badge>Retired</Badge> : null}
    </span>
  );
}
