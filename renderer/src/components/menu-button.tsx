import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icon';

/** One entry of a {@link MenuButton}. */
export interface MenuItem {
  label: string;
  description?: string;
  onSelect: () => void;
  testId?: string;
}

/** A button that opens a short list of actions (Import, Export). Closes on Escape and outside click. */
export function MenuButton({ label, icon, items, testId }: { label: string; icon?: ReactNode; items: readonly MenuItem[]; testId?: string }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  useEffect(() => {
    if (open) rootRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);

  return (
    <div
      className="menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          rootRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
        }
        if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && open) {
          event.preventDefault();
          const entries = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
          const index = entries.indexOf(document.activeElement as HTMLButtonElement);
          const next = entries[(index + (event.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length];
          next?.focus();
        }
      }}
    >
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((value) => !value)} data-testid={testId}>
        {icon}
        <span>{label}</span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open ? (
        <div className="menu__list" role="menu" id={menuId} aria-label={label}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="menu__item"
              data-testid={item.testId}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
            >
              <span className="menu__item-label">{item.label}</span>
              {item.description ? <span className="menu__item-description">{item.description}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
