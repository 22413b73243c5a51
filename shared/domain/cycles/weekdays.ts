/** Days of the week by short name, as the contract, the CLI and the UI spell them. */

/** Sunday first, so a weekday's index is `Date#getUTCDay()`'s. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** One of `WEEKDAYS`. */
export type Weekday = (typeof WEEKDAYS)[number];

/** The index of a weekday, 0 = Sunday ... 6 = Saturday. */
export function weekdayIndex(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday);
}

/** The weekday of an index 0-6 (taken modulo 7). */
export function weekdayAt(index: number): Weekday {
  return WEEKDAYS[((index % 7) + 7) % 7] as Weekday;
}

/** English names for labels ("second Tuesday"). */
export const WEEKDAY_NAMES: Record<Weekday, string> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };
