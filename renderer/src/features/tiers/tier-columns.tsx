import type { Asset } from '../../../../shared/contract';
import { IMPACT_LABELS } from '../../../../shared/domain/risk-tier';
import type { GridColumn } from '../../components/data-grid/grid-types';
import { TierBadge } from '../../components/tier-badge';
import { DEVICE_TYPE_LABELS } from '../../lib/labels';
import { AddressesCell, HostnameCell } from '../inventory/asset-columns';
import { splitLabel } from './tier-rule-table';
import { exposureSummary } from './tier-model';

/** Columns of the risk-tier list: the answers, the computed tier, the override and the tier in force. */
export const TIER_COLUMNS: readonly GridColumn<Asset>[] = [
  {
    id: 'hostname',
    header: 'Asset',
    // Its width is set from the addresses shown (see addressTrack); the address, on a second line,
    // is what must never be cut, the hostname may be.
    width: 'minmax(150px, 2fr)',
    render: (asset) => (
      <span className="asset-two-line">
        <HostnameCell asset={asset} />
        <AddressesCell asset={asset} />
      </span>
    ),
  },
  { id: 'deviceType', header: 'Device', width: 'minmax(72px, 0.8fr)', render: (asset) => DEVICE_TYPE_LABELS[asset.deviceType] },
  { id: 'impact', header: 'Impact', width: '80px', render: (asset) => (asset.classification ? splitLabel(IMPACT_LABELS[asset.classification.impact])[0] : <span className="muted">—</span>) },
  { id: 'exposure', header: 'Exposure', width: 'minmax(90px, 1fr)', render: (asset) => exposureSummary(asset.classification) || <span className="muted">—</span> },
  { id: 'computed', header: 'Computed', width: '80px', render: (asset) => <TierBadge tier={asset.computedTier} compact /> },
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
  { id: 'tier', header: 'In force', width: '172px', render: (asset) => <TierBadge tier={asset.tier} overridden={asset.tierOverride !== null} /> },
];
