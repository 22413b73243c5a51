import { DeviceType, OsFamily } from '../../../../shared/contract';
import { TIER_LABELS, TIERS } from '../../../../shared/domain/risk-tier';
import { Icon } from '../../components/icon';
import { formatCount } from '../../lib/format';
import { DEVICE_TYPE_LABELS, OS_FAMILY_LABELS } from '../../lib/labels';
import { hasFilters, NO_FILTERS, type AssetFilters } from './asset-table-model';

/** Quick search and filters above an asset table, with how many rows they leave. */
export function AssetToolbar({ filters, onChange, shown, total }: { filters: AssetFilters; onChange: (filters: AssetFilters) => void; shown: number; total: number }) {
  return (
    <div className="toolbar" role="search">
      <label className="search-input">
        <Icon name="search" />
        <input
          type="search"
          className="search-input__field"
          aria-label="Search assets"
          placeholder="Search hostname, address, MAC, owner, tag, OS"
          value={filters.search}
          onChange={(event) => onChange({ ...filters, search: event.target.value })}
          data-testid="asset-search"
        />
      </label>
      <select className="select" aria-label="Device type" value={filters.deviceType} onChange={(event) => onChange({ ...filters, deviceType: event.target.value as AssetFilters['deviceType'] })} data-testid="filter-device-type">
        <option value="any">All device types</option>
        {DeviceType.options.map((type) => (
          <option key={type} value={type}>
            {DEVICE_TYPE_LABELS[type]}
          </option>
        ))}
      </select>
      <select className="select" aria-label="OS family" value={filters.osFamily} onChange={(event) => onChange({ ...filters, osFamily: event.target.value as AssetFilters['osFamily'] })} data-testid="filter-os-family">
        <option value="any">All OS families</option>
        {OsFamily.options.map((family) => (
          <option key={family} value={family}>
            {OS_FAMILY_LABELS[family]}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Tier" value={filters.tier} onChange={(event) => onChange({ ...filters, tier: event.target.value as AssetFilters['tier'] })} data-testid="filter-tier">
        <option value="any">All tiers</option>
        <option value="unclassified">Unclassified</option>
        {TIERS.map((tier) => (
          <option key={tier} value={String(tier)}>
            {TIER_LABELS[tier]}
          </option>
        ))}
      </select>
      {hasFilters(filters) ? (
        <button type="button" className="button button--ghost" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      ) : null}
      <span className="toolbar__count muted" aria-live="polite" data-testid="asset-count">
        {shown === total ? `${formatCount(total)} shown` : `${formatCount(shown)} of ${formatCount(total)} shown`}
      </span>
    </div>
  );
}
