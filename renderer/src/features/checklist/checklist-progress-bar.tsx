import type { CycleSummary } from '../../../../shared/contract';
import { finishedCount, progressSegments } from './checklist-progress';

/**
 * A checklist's progress as one bar: done, not applicable, late and pending stretches, so a late
 * item is visible in the list without opening the cycle. The bar reports finished items.
 */
export function ChecklistProgressBar({ progress, label, size = 'normal' }: { progress: CycleSummary['progress']; label: string; size?: 'normal' | 'large' }) {
  return (
    <div
      className={`checklist-bar${size === 'large' ? ' checklist-bar--large' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={finishedCount(progress)}
      aria-valuetext={`${finishedCount(progress)} of ${progress.total} finished${progress.late > 0 ? `, ${progress.late} late` : ''}`}
    >
      {progressSegments(progress).map((segment) =>
        segment.percent > 0 ? <span key={segment.kind} className={`checklist-bar__part checklist-bar__part--${segment.kind}`} style={{ width: `${segment.percent}%` }} /> : null,
      )}
    </div>
  );
}
