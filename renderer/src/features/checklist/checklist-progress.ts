/**
 * A checklist's progress as the screens draw it: how many items are finished (done or not
 * applicable), the bar's segments, and one line of words. The counts come from the host.
 */
import type { CycleSummary } from '../../../../shared/contract';

type Progress = CycleSummary['progress'];

/** One coloured stretch of the progress bar, as a percentage of its width. */
export interface ProgressSegment {
  kind: 'done' | 'not_applicable' | 'late' | 'pending';
  percent: number;
  count: number;
}

/** Items finished: done or not applicable. */
export function finishedCount(progress: Progress): number {
  return progress.done + progress.notApplicable;
}

/** "5/8". */
export function progressFraction(progress: Progress): string {
  return `${finishedCount(progress)}/${progress.total}`;
}

/**
 * The bar's stretches in drawing order: done, not applicable, late, then the rest pending. The
 * percentages add up to 100 (0 for an empty checklist), so the bar never overflows from rounding.
 */
export function progressSegments(progress: Progress): ProgressSegment[] {
  const late = Math.min(progress.late, progress.pending);
  const counts: [ProgressSegment['kind'], number][] = [
    ['done', progress.done],
    ['not_applicable', progress.notApplicable],
    ['late', late],
    ['pending', progress.pending - late],
  ];
  if (progress.total === 0) return counts.map(([kind, count]) => ({ kind, count, percent: 0 }));
  let used = 0;
  return counts.map(([kind, count], index) => {
    const percent = index === counts.length - 1 ? Math.max(0, 100 - used) : Math.round((count * 1000) / progress.total) / 10;
    used += percent;
    return { kind, count, percent };
  });
}

/** "5 of 8 done · 1 not applicable · 2 late" (only the parts that are not zero after the first). */
export function progressSummary(progress: Progress): string {
  const parts = [`${progress.done} of ${progress.total} done`];
  if (progress.notApplicable > 0) parts.push(`${progress.notApplicable} not applicable`);
  if (progress.late > 0) parts.push(`${progress.late} late`);
  else if (progress.pending > 0) parts.push(`${progress.pending} to go`);
  return parts.join(' · ');
}

/** Whether every item is finished. */
export function isComplete(progress: Progress): boolean {
  return progress.pending === 0;
}
