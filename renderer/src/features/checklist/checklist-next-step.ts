/**
 * The one obvious next step of the checklist, for the banner, the rail and the detail's
 * highlighted item. Safety first (an emergency past its deadline), then opening this month's
 * baseline, then late items, then the next item due, then closing a finished cycle.
 */
import type { ChecklistItem, CycleSummary } from '../../../../shared/contract';
import { dayCount, daysBetween, formatDay, formatMonth } from './checklist-dates';
import { cycleName, lateAcrossOpen, baselineOf, sortCycles } from './cycle-list-model';

/** What the banner proposes. */
export interface ChecklistNextStep {
  kind: 'overdue-emergency' | 'open-baseline' | 'late' | 'next-item' | 'close' | 'idle';
  text: string;
  tone: 'default' | 'warning';
  /** The button's label; none when there is nothing to press. */
  actionLabel?: string;
  /** The cycle the action opens. */
  cycleId?: number;
  /** The month the action opens a baseline for. */
  month?: string;
}

/** What the next step is chosen from. */
export interface NextStepInput {
  cycles: readonly CycleSummary[];
  /** Today in the site's time zone. */
  today: string;
  /** This month's anchor day, when the settings are loaded. */
  anchorDate?: string | undefined;
  /** The next month's anchor day, for the idle text. */
  nextAnchorDate?: string | undefined;
  locale?: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The banner's step for the cycles list. */
export function checklistNextStep({ cycles, today, anchorDate, nextAnchorDate, locale }: NextStepInput): ChecklistNextStep {
  const open = sortCycles(cycles).filter((cycle) => cycle.status === 'open');
  const month = today.slice(0, 7);
  const monthName = formatMonth(month, locale);

  const overdue = open.find((cycle) => cycle.kind === 'emergency' && cycle.overdue);
  if (overdue) {
    return {
      kind: 'overdue-emergency',
      tone: 'warning',
      text: `${cycleName(overdue, locale)} is past its deadline with ${plural(overdue.progress.pending, 'item')} still pending.`,
      actionLabel: 'Open it',
      cycleId: overdue.id,
    };
  }

  if (!baselineOf(cycles, month)) {
    const anchor = anchorDate ? ` Its anchor day is ${formatDay(anchorDate)}.` : '';
    return { kind: 'open-baseline', tone: 'default', text: `The ${monthName} baseline cycle is not open yet.${anchor}`, actionLabel: `Open the ${monthName} cycle`, month };
  }

  const late = lateAcrossOpen(open);
  if (late > 0) {
    const worst = [...open].sort((a, b) => b.progress.late - a.progress.late)[0] as CycleSummary;
    const where = worst.progress.late === late ? `in ${cycleName(worst, locale)}` : `across open cycles, ${worst.progress.late} in ${cycleName(worst, locale)}`;
    return { kind: 'late', tone: 'warning', text: `${plural(late, 'checklist item')} ${late === 1 ? 'is' : 'are'} late ${where}.`, actionLabel: 'Show the checklist', cycleId: worst.id };
  }

  const next = open
    .filter((cycle) => cycle.nextDue !== null)
    .sort((a, b) => (a.nextDue?.dueDate ?? '').localeCompare(b.nextDue?.dueDate ?? '') || a.id - b.id)[0];
  if (next?.nextDue) {
    const days = daysBetween(today, next.nextDue.dueDate);
    const when = days === 0 ? 'due today' : days === 1 ? 'due tomorrow' : `due in ${dayCount(days)}`;
    return { kind: 'next-item', tone: 'default', text: `Next in ${cycleName(next, locale)}: “${next.nextDue.title}”, ${when}.`, actionLabel: 'Open the checklist', cycleId: next.id };
  }

  const finished = open[0];
  if (finished) {
    return { kind: 'close', tone: 'default', text: `Every item of ${cycleName(finished, locale)} is finished. Close the cycle to freeze its record.`, actionLabel: 'Review and close', cycleId: finished.id };
  }

  const following = nextAnchorDate ? ` The next anchor day is ${formatDay(nextAnchorDate)}.` : '';
  return { kind: 'idle', tone: 'default', text: `The ${monthName} cycle is closed.${following}` };
}

/** The few words under the step in the rail. */
export function checklistRailStatus(cycles: readonly CycleSummary[], today: string, locale?: string): string {
  const month = today.slice(0, 7);
  const current = baselineOf(cycles, month);
  const late = lateAcrossOpen(cycles);
  if (late > 0) return `${plural(late, 'item')} late`;
  if (!current) return `${formatMonth(month, locale)} not opened`;
  if (current.status === 'closed') return `${formatMonth(month, locale)} closed`;
  return `${formatMonth(month, locale)}: ${current.progress.done + current.progress.notApplicable}/${current.progress.total} done`;
}

/**
 * The item to highlight in an open cycle: the host's next due item, else the first pending one in
 * checklist order; null when the cycle is closed or nothing is pending.
 */
export function highlightedItemKey(cycle: Pick<CycleSummary, 'status' | 'nextDue'>, items: readonly Pick<ChecklistItem, 'key' | 'state' | 'position'>[]): string | null {
  if (cycle.status !== 'open') return null;
  const pending = items.filter((item) => item.state === 'pending');
  if (cycle.nextDue && pending.some((item) => item.key === cycle.nextDue?.key)) return cycle.nextDue.key;
  return [...pending].sort((a, b) => a.position - b.position)[0]?.key ?? null;
}
