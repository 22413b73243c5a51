import type { Asset } from '../../../../shared/contract';
import type { GridColumn } from '../../components/data-grid/grid-types';
import { TierBadge } from '../../components/tier-badge';
import { RelativeTime } from '../../components/site-time';
import { DEVICE_TYPE_LABELS, osLabel } from '../../lib/labels';
import { AssetStatusBadges } from './asset-status-badges';

/** The hostname, or a muted placeholder so rows without one still read well. */
export function HostnameCell({ asset }: { asset: Asset }) {
  return asset.hostname ? <span className="cell-strong">{asset.hostname}</span> : <span className="muted">(no hostname)</span>;
}

/** The first address, plus how many more there are. */
export function AddressesCell({ asset }: { asset: Asset }) {
  const [first, ...rest] = asset.addresses;
  if (first === undefined) return <span className="muted">—</span>;
  return (
    <span className="mono" title={asset.addresses.join(', ')} data-layout="ip">
      {first}
      {rest.length > 0 ? <span className="muted"> +{rest.length}</span> : null}
    </span>
  );
}

/** Columns of the inventory table. */
// The columns that must never be cut (address, tier, status) come first, so a narrow window
// scrolls sideways only for owner, location and last seen. The address track is sized to the
// addresses shown (see addressTrack).
export const ASSET_COLUMNS: readonly GridColumn<Asset>[] = [
  { id: 'hostname', header: 'Hostname', width: 'minmax(130px, 2fr)', render: (asset) => <HostnameCell asset={asset} /> },
  { id: 'addresses', header: 'Addresses', width: 'minmax(120px, 1.2fr)', render: (asset) => <AddressesCell asset={asset} /> },
  { id: 'tier', header: 'Tier', width: '64px', render: (asset) => <TierBadge tier={asset.tier} compact overridden={asset.tierOverride !== null} /> },
  { id: 'status', header: 'Status', width: '150px', render: (asset) => <AssetStatusBadges asset={asset} /> },
  { id: 'os', header: 'OS', width: 'minmax(110px, 1.6fr)', render: (asset) => osLabel(asset.osFamily, asset.osName, asset.osVersion) || <span className="muted">Unknown</span> },
  { id: 'deviceType', header: 'Device type', width: 'minmax(90px, 1fr)', render: (asset) => (asset.deviceType === 'unknown' ? <span className="muted">Unknown</span> : DEVICE_TYPE_LABELS[asset.deviceType]) },
  { id: 'owner', header: 'Owner', width: 'minmax(80px, 1fr)', render: (asset) => asset.owner || <span className="muted">—</span> },
  { id: 'location', header: 'Location', width: 'minmax(80px, 1fr)', render: (asset) => asset.location || <span className="muted">—</span> },
  {
    id: 'lastSeen',
    header: 'Last seen',
    width: '104px',
    render: (asset) => <RelativeTime at={asset.lastSeenAt} />,
  },
];
