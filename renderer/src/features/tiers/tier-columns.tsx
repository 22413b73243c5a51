import type { Asset } from '../../../../shared/contract';
import { IMPACT_LABELS } from '../../../../shared/domain/risk-tier';
import type { GridColumn } from '../../components/data-grid/grid-types';
import { TierBadge } from '../../components/tier-badge';
import { DEVICE_TYPE_LABELS } from '../../lib/labels';
import { HostnameCell } from '../inventory/asset-columns';
import { splitLabel } from './tier-rule-table';
import { exposureSummary } from './tier-model';

/** Columns of the risk-tier list: the answers, the computed tier, the override and the tier in force. */
export const TIER_COLUMNS: readonly GridColumn<Asset>[] = [
  {
    id: 'hostname',
    header: 'Asset',
    width: 'minmax(150px, 2fr)',
    render: (asset) => (
      <span title={asset.addresses.join(', ')}>
        {asset.hostname ? <HostnameCell asset={asset} /> : <span className="cell-strong mono">{asset.addresses[0] ?? `asset ${asset.id}`}</span>}
        {asset.hostname && asset.addresses[0] ? <span className="muted mono"> · {asset.addresses[0]}</span> : null}
      </span>
    ),
  },
  { id: 'deviceType', header: 'Device', width: 'minmax(80px, 0.8fr)', render: (asset) => DEVICE_TYPE_LABELS[asset.deviceType] },
  { id: 'impact', header: 'Impact', width: '88px', render: (asset) => (asset.classification ? splitLabel(IMPACT_LABELS[asset.classification.impact])[0] : <span className="muted">—</span>) },
  { id: 'exposure', header: 'Exposure', width: 'minmax(96px, 1fr)', render: (asset) => exposureSummary(asset.classification) || <span className="muted">—</span> },
  { id: 'computed', header: 'Computed', width: '82px', render: (asset) => <TierBadge tier={asset.computedTier} compact /> },
  {
    id: 'override',
    header: 'Override',
    width: 'minmax(96px, 1.2fr)',
    render: (asset) =>
      asset.tierOverride ? (
        <span className="override-cell" title={`${asset.tierOverride.reason} (${asset.tierOverride.by})`}>
          <TierBadge tier={asset.tierOverride.tier} compact />
          <span className="muted truncate">{asset.tierOverride.reason}</span>
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  { id: 'tier', header: 'In force', width: '158px', render: (asset) => <TierBadge tier={asset.tier} overridden={asset.tierOverride !== null} /> },
];
