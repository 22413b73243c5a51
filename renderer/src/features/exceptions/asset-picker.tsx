import { useId, useMemo, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { Icon } from '../../components/icon';
import { assetLabel, matchAssets } from './asset-picker-model';
import { osLabel } from '../../../../shared/domain/os-label';

/** More rows than this and the list asks for a search first. */
const SHOWN = 200;

/**
 * Picks one asset of the site, searchable by hostname, address or OS. With `allowAll`, the
 * first choice is "every asset" (a CVE or package exception that applies site-wide).
 */
export function AssetPicker({
  label,
  assets,
  value,
  onChange,
  allowAll = false,
  error,
  hint,
}: {
  label: string;
  assets: readonly Asset[];
  value: number | null;
  onChange: (assetId: number | null) => void;
  allowAll?: boolean;
  error?: string | undefined;
  hint?: string;
}) {
  const [search, setSearch] = useState('');
  const name = useId();
  const errorId = useId();
  const matching = useMemo(() => matchAssets(assets, search), [assets, search]);
  const selected = value === null ? null : (assets.find((asset) => asset.id === value) ?? null);
  const selectedHidden = selected !== null && !matching.slice(0, SHOWN).some((asset) => asset.id === selected.id);

  return (
    <fieldset className={`field asset-picker${error ? ' field--invalid' : ''}`} aria-describedby={error ? errorId : undefined} data-testid="exception-form-asset">
      <legend className="field__label">{label}</legend>
      <label className="search-input">
        <Icon name="search" />
        <input type="search" className="search-input__field" aria-label={`Search ${label.toLowerCase()}`} placeholder="Search hostname, address or OS" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="exception-form-asset-search" />
      </label>
      <div className="pick-list asset-picker__list" role="radiogroup" aria-label={label} data-testid="exception-form-asset-list">
        {allowAll ? (
          <label className={`pick-list__option asset-picker__option${value === null ? ' is-selected' : ''}`} data-testid="exception-form-asset-option-all">
            <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
            <span className="cell-strong">Every asset</span>
            <span className="muted small asset-picker__wide">in this site, including assets added later</span>
          </label>
        ) : null}
        {selectedHidden && selected ? (
          <label className="pick-list__option asset-picker__option is-selected" data-testid={`exception-form-asset-option-${selected.id}`}>
            <input type="radio" name={name} checked onChange={() => onChange(selected.id)} />
            <span className="cell-strong">{assetLabel(selected)}</span>
            <span className="muted small">selected</span>
          </label>
        ) : null}
        {matching.slice(0, SHOWN).map((asset) => (
          <label key={asset.id} className={`pick-list__option asset-picker__option${value === asset.id ? ' is-selected' : ''}`} data-testid={`exception-form-asset-option-${asset.id}`}>
            <input type="radio" name={name} checked={value === asset.id} onChange={() => onChange(asset.id)} />
            <span className="cell-strong">{assetLabel(asset)}</span>
            <span className="muted small mono">{asset.hostname ? asset.addresses[0] : ''}</span>
            <span className="muted small truncate">{osLabel(asset.osName, asset.osVersion)}</span>
          </label>
        ))}
        {matching.length === 0 ? <p className="muted small asset-picker__note">{assets.some((asset) => asset.status === 'active') ? 'No active asset matches.' : 'This site has no active assets yet.'}</p> : null}
        {matching.length > SHOWN ? <p className="muted small asset-picker__note">Showing {SHOWN} of {matching.length}; search to narrow.</p> : null}
      </div>
      {hint ? <div className="field__hint">{hint}</div> : null}
      {error ? (
        <div id={errorId} className="field__error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
