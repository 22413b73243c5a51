import { useMemo, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { Icon } from '../../components/icon';
import { assetName, scopeCandidates, toggleAll } from './asset-scope-model';
import { osLabel } from '../../../../shared/domain/os-label';

/** More rows than this and the list asks for a search first. */
const SHOWN = 300;

/** Picks the assets an emergency cycle covers: a searchable checklist of the site's active assets. */
export function AssetScopePicker({ assets, selected, onChange, error }: { assets: readonly Asset[]; selected: readonly number[]; onChange: (ids: number[]) => void; error?: string | undefined }) {
  const [search, setSearch] = useState('');
  const listed = useMemo(() => scopeCandidates(assets, search), [assets, search]);
  const chosen = new Set(selected);
  const allListed = listed.length > 0 && listed.every((asset) => chosen.has(asset.id));

  return (
    <div className={`scope-picker${error ? ' field--invalid' : ''}`} data-testid="emergency-assets">
      <div className="scope-picker__bar">
        <label className="search-input">
          <Icon name="search" />
          <input type="search" className="search-input__field" aria-label="Search assets" placeholder="Search hostname, address, OS, tag" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="emergency-asset-search" />
        </label>
        <button type="button" className="button button--small button--ghost" disabled={listed.length === 0} onClick={() => onChange(toggleAll(selected, listed))} data-testid="emergency-asset-toggle-all">
          {allListed ? 'Clear these' : search.trim() ? `Select ${listed.length} matching` : 'Select all'}
        </button>
        <span className="muted small scope-picker__count" data-testid="emergency-asset-count">
          {selected.length} selected
        </span>
      </div>
      <div className="pick-list scope-picker__list" role="group" aria-label="Affected assets">
        {listed.slice(0, SHOWN).map((asset) => (
          <label key={asset.id} className={`pick-list__option scope-picker__option${chosen.has(asset.id) ? ' is-selected' : ''}`} data-testid={`emergency-asset-${asset.id}`}>
            <input type="checkbox" checked={chosen.has(asset.id)} onChange={() => onChange(chosen.has(asset.id) ? selected.filter((id) => id !== asset.id) : [...selected, asset.id])} />
            <span className="cell-strong truncate">{assetName(asset)}</span>
            <span className="muted small mono">{asset.hostname ? (asset.addresses[0] ?? '') : ''}</span>
            <span className="muted small truncate">{osLabel(asset.osName, asset.osVersion)}</span>
          </label>
        ))}
        {listed.length === 0 ? <p className="muted small scope-picker__note">{assets.some((asset) => asset.status === 'active') ? 'No active asset matches.' : 'This site has no active assets yet.'}</p> : null}
        {listed.length > SHOWN ? <p className="muted small scope-picker__note">Showing {SHOWN} of {listed.length}; search to narrow.</p> : null}
      </div>
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
