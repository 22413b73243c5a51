/** The list of cycles: the order it shows them in, their names, and which baseline may be opened now. */
import type { CycleSummary } from '../../../../shared/contract';
import { daysBetween, formatMonth, nextMonth } from './checklist-dates';

/** Days before a month ends from which next month's baseline is offered (preparing it early). */
export const OPEN_NEXT_MONTH_WITHIN_DAYS = 7;

/** A cycle's name: the month for a baseline ("November 2026"), the title for an emergency. */
export function cycleName(cycle: Pick<CycleSummary, 'kind' | 'month' | 'title'>, locale?: string): string {
  return cycle.kind === 'baseline' && cycle.month ? formatMonth(cycle.month, locale) : cycle.title;
}

function openRank(cycle: CycleSummary): number {
  if (cycle.kind === 'emergency' && cycle.overdue) return 0;
  if (cycle.kind === 'emergency') return 1;
  return 2;
}

/**
 * Open cycles first (overdue emergencies, then other emergencies by deadline, then baselines,
 * newest month first), then closed ones, most recently closed first.
 */
export function sortCycles(cycles: readonly CycleSummary[]): CycleSummary[] {
  return [...cycles].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    if (a.status === 'open') {
      const rank = openRank(a) - openRank(b);
      if (rank !== 0) return rank;
      if (a.kind === 'emergency') return (a.deadline ?? '').localeCompare(b.deadline ?? '') || b.id - a.id;
      return b.anchorDate.localeCompare(a.anchorDate) || b.id - a.id;
    }
    return (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.id - a.id;
  });
}

/** The baseline cycle of a month, if it was opened. */
export function baselineOf(cycles: readonly CycleSummary[], month: string): CycleSummary | undefined {
  return cycles.find((cycle) => cycle.kind === 'baseline' && cycle.month === month);
}

/** A baseline the list offers to open: the month, and whether it is the screen's main action. */
export interface BaselineOffer {
  month: string;
  primary: boolean;
}

/**
 * Which month's baseline to offer. This month's, as the main action, until it exists; then,
 * in the last {@link OPEN_NEXT_MONTH_WITHIN_DAYS} days of the month, next month's (the host
 * opens at most one month ahead), as a secondary action. Null when there is nothing to open.
 */
export function baselineOffer(cycles: readonly CycleSummary[], today: string): BaselineOffer | null {
  const month = today.slice(0, 7);
  if (!baselineOf(cycles, month)) return { month, primary: true };
  const following = nextMonth(month);
  const daysLeft = daysBetween(today, `${following}-01`);
  if (!baselineOf(cycles, following) && daysLeft <= OPEN_NEXT_MONTH_WITHIN_DAYS) return { month: following, primary: false };
  return null;
}

/** Late items across open cycles. */
export function lateAcrossOpen(cycles: readonly CycleSummary[]): number {
  return cycles.filter((cycle) => cycle.status === 'open').reduce((sum, cycle) => sum + cycle.progress.late, 0);
}
