import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

/** What a list shows when it has nothing, with the action that fills it. */
export function EmptyState({ icon, title, children, action }: { icon: IconName; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-state__icon">
        <Icon name={icon} size={22} />
      </div>
      <h3 className="empty-state__title">{title}</h3>
      {children ? <p className="empty-state__text">{children}</p> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

/** The empty state of a filtered list that has entries, just none matching: says so and offers to clear the filter. */
export function NoMatchesState({ clearLabel, onClear, children }: { clearLabel: string; onClear: () => void; children: ReactNode }) {
  return (
    <EmptyState
      icon="search"
      title="Nothing matches"
      action={
        <button type="button" className="button" onClick={onClear}>
          {clearLabel}
        </button>
      }
    >
      {children}
    </EmptyState>
  );
}
