import type { ReactNode } from 'react';

/** Tones a badge can take; each maps to a pair of theme colours. */
export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

/** A small status label, e.g. "stale" or "unreviewed". */
export function Badge({ tone = 'neutral', children, title, testId }: { tone?: BadgeTone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}

/** The badge tone of a long job's status (scans and collection runs share these statuses). */
export const JOB_STATUS_TONES: Record<'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted', BadgeTone> = {
  running: 'accent',
  completed: 'success',
  cancelled: 'neutral',
  failed: 'danger',
  interrupted: 'warning',
};
