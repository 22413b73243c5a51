import type { ReactNode } from 'react';
import { Icon } from './icon';

/** A message inside a screen or dialog: errors that need reading, not a fleeting toast. */
export function InlineAlert({ tone = 'danger', title, children, testId }: { tone?: 'danger' | 'warning' | 'info' | 'success'; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <div className={`inline-alert inline-alert--${tone}`} role={tone === 'danger' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name={tone === 'success' ? 'check' : tone === 'info' ? 'info' : 'alert'} />
      <div>
        {title ? <strong className="inline-alert__title">{title}</strong> : null}
        {children ? <div className="inline-alert__text">{children}</div> : null}
      </div>
    </div>
  );
}
