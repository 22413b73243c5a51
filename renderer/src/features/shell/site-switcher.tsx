import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/icon';
import { formatCount } from '../../lib/format';
import { useCurrentSite } from '../sites/current-site-context';

/** Switches the current site from anywhere; each site shows its size and what waits for review. */
export function SiteSwitcher() {
  const { sites, site, selectSite } = useCurrentSite();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    rootRef.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]')?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!site) return null;
  return (
    <div
      className="site-switcher"
      ref={rootRef}
      onKeyDown={(event) => {
        if (!open) return;
        if (event.key === 'Escape') {
          setOpen(false);
          rootRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const items = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]') ?? [])];
          const index = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <button type="button" className="site-switcher__button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((value) => !value)} data-testid="site-switcher">
        <Icon name="building" />
        <span className="site-switcher__label">
          <span className="site-switcher__caption">Site</span>
          <span className="site-switcher__name" data-testid="current-site-name">
            {site.name}
          </span>
        </span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open ? (
        <div className="menu__list site-switcher__menu" role="menu" aria-label="Switch site">
          {sites.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="menuitemradio"
              aria-checked={candidate.id === site.id}
              className="menu__item site-switcher__item"
              onClick={() => {
                selectSite(candidate.id);
                setOpen(false);
              }}
              data-testid={`site-option-${candidate.id}`}
            >
              <span className="menu__item-label">
                {candidate.id === site.id ? <Icon name="check" size={14} /> : <span className="icon-spacer" />}
                {candidate.name}
              </span>
              <span className="menu__item-description">
                {formatCount(candidate.assetCount)} assets
                {candidate.unreviewedCount > 0 ? ` · ${formatCount(candidate.unreviewedCount)} to review` : ''}
                {candidate.staleCount > 0 ? ` · ${formatCount(candidate.staleCount)} stale` : ''}
              </span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
