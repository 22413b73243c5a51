import type { ReactNode } from 'react';
import { ConnectionIndicator } from './connection-indicator';
import { ThemeToggle } from './theme-toggle';

/** The product mark. */
export function BrandMark() {
  return (
    <span className="brand">
      <svg className="brand__mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
        <rect x="2" y="2" width="20" height="20" rx="6" fill="var(--accent)" />
        <path d="M7 12.5l3.2 3.2L17 8.8" fill="none" stroke="var(--accent-contrast)" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="brand__name">Patchdesk</span>
    </span>
  );
}

/** The bar across the top: brand, site controls (when there is a site), theme and connection. */
export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <header className="topbar">
      <BrandMark />
      <div className="topbar__site">{children}</div>
      <div className="topbar__end">
        <ConnectionIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
