import type { SVGProps } from 'react';

const PATHS = {
  inventory: 'M3 5h18M3 12h18M3 19h18M7 5v0M7 12v0M7 19v0',
  tiers: 'M12 3l8 4-8 4-8-4 8-4zM4 12l8 4 8-4M4 17l8 4 8-4',
  patch: 'M14 7l3 3M5 19l4-1 10-10-3-3L6 15l-1 4z',
  checklist: 'M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2',
  exception: 'M12 3l9 16H3L12 3zM12 10v4M12 17v.5',
  evidence: 'M7 3h8l4 4v14H7V3zM15 3v4h4M10 12h6M10 16h6',
  search: 'M11 4a7 7 0 110 14 7 7 0 010-14zM20 20l-4-4',
  scan: 'M12 12l6-6M12 3a9 9 0 109 9M12 7a5 5 0 105 5',
  plus: 'M12 5v14M5 12h14',
  upload: 'M12 16V4M7 9l5-5 5 5M5 20h14',
  download: 'M12 4v12M7 11l5 5 5-5M5 20h14',
  sun: 'M12 8a4 4 0 110 8 4 4 0 010-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 019.5 4 8 8 0 1020 14.5z',
  monitor: 'M3 5h18v11H3zM8 20h8M12 16v4',
  check: 'M5 12l5 5L20 7',
  close: 'M6 6l12 12M18 6L6 18',
  chevronDown: 'M6 9l6 6 6-6',
  chevronRight: 'M9 6l6 6-6 6',
  settings: 'M12 9a3 3 0 110 6 3 3 0 010-6zM19 12l2-1-1-3-2 .3-1.3-1.3L17 5l-3-1-1 2h-2L10 4 7 5l.3 2L6 8.3 4 8l-1 3 2 1v0l-2 1 1 3 2-.3L7.3 17 7 19l3 1 1-2h2l1 2 3-1-.3-2 1.3-1.3 2 .3 1-3-2-1z',
  alert: 'M12 3l9 16H3L12 3zM12 10v4M12 17v.5',
  lock: 'M6 11h12v9H6zM8 11V8a4 4 0 018 0v3',
  arrowUp: 'M12 19V5M6 11l6-6 6 6',
  arrowDown: 'M12 5v14M6 13l6 6 6-6',
  building: 'M4 21V5l8-2v18M12 8h8v13M8 8v0M8 12v0M8 16v0M16 12v0M16 16v0M2 21h20',
  refresh: 'M20 11a8 8 0 10-2.3 5.7M20 5v6h-6',
  file: 'M7 3h8l4 4v14H7V3zM15 3v4h4',
  info: 'M12 3a9 9 0 110 18 9 9 0 010-18zM12 11v5M12 7.5v.5',
  dashboard: 'M4 4h7v9H4zM13 4h7v5h-7zM13 11h7v9h-7zM4 15h7v5H4z',
} as const;

/** Names of the icons the product uses. */
export type IconName = keyof typeof PATHS;

/** A small line icon, decorative unless given a title. */
export function Icon({ name, size = 16, title, ...rest }: { name: IconName; size?: number; title?: string } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      className="icon"
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      <path d={PATHS[name]} />
    </svg>
  );
}
