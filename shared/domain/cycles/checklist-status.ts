/**
 * Where a checklist stands: which items are late, and the cycle's progress. An item is due by the
 * end of its due day in the site's time zone; it is late once that day is over and the item is
 * neither done nor marked not applicable. Pure: the instant to judge at comes from the caller.
 */
import { addLocalDays, parseInstant, startOfLocalDay, type LocalDate } from '../sla/local-time';

/** The states of a checklist item. */
export const CHECKLIST_ITEM_STATES = ['pending', 'done', 'not_applicable'] as const;
/** One of `CHECKLIST_ITEM_STATES`. */
export type ChecklistItemState = (typeof CHECKLIST_ITEM_STATES)[number];

/** What lateness needs to know about an item. */
export interface TimedChecklistItem {
  state: ChecklistItemState;
  /** `YYYY-MM-DD` in the site's time zone. */
  dueDate: string;
  /** When the work was done (an ISO instant), for done and not-applicable items. */
  doneAt?: string | null;
}

/**
 * Parses `YYYY-MM-DD`.
 *
 * @throws RangeError naming the text when it is not such a date.
 */
export function parseLocalDate(value: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = { year: Number(match?.[1]), month: Number(match?.[2]), day: Number(match?.[3]) };
  // addLocalDays normalises 2026-02-30 to 2 March: a date that changes does not exist.
  const normal = addLocalDays(date, 0);
  if (!match || normal.month !== date.month || normal.day !== date.day) throw new RangeError(`"${value}" is not a date as YYYY-MM-DD`);
  return date;
}

/** The instant an item's due day ends (the start of the next local day), in epoch milliseconds. */
export function dueEndMs(dueDate: string, timeZone: string): number {
  return startOfLocalDay(addLocalDays(parseLocalDate(dueDate), 1), timeZone);
}

/** Whether an item is late at an instant: still pending after the end of its due day. */
export function isItemLate(item: TimedChecklistItem, atMs: number, timeZone: string): boolean {
  return item.state === 'pending' && atMs >= dueEndMs(item.dueDate, timeZone);
}

/** Whether an item was done after the end of its due day (late, but done). */
export function wasDoneLate(item: TimedChecklistItem, timeZone: string): boolean {
  return item.state === 'done' && item.doneAt != null && parseInstant(item.doneAt) >= dueEndMs(item.dueDate, timeZone);
}

/** A checklist's counts. `percent` counts done and not-applicable items as finished. */
export interface ChecklistProgress {
  total: number;
  done: number;
  notApplicable: number;
  pending: number;
  late: number;
  /** 0-100, rounded down so 100 means every item is finished. */
  percent: number;
}

/** The progress of a checklist at an instant. */
export function checklistProgress(items: readonly TimedChecklistItem[], atMs: number, timeZone: string): ChecklistProgress {
  const progress: ChecklistProgress = { total: items.length, done: 0, notApplicable: 0, pending: 0, late: 0, percent: 0 };
  for (const item of items) {
    if (item.state === 'done') progress.done += 1;
    else if (item.state === 'not_applicable') progress.notApplicable += 1;
    else progress.pending += 1;
    if (isItemLate(item, atMs, timeZone)) progress.late += 1;
  }
  progress.percent = items.length === 0 ? 100 : Math.floor(((progress.done + progress.notApplicable) * 100) / items.length);
  return progress;
}
