/**
 * Calendar months (`2026-11`), the unit baseline cycles are counted in. Pure: the current month
 * of a site is derived from an instant and the site's time zone passed in by the caller.
 */
import { localDateOf, type LocalDate } from '../sla/local-time';

/** A calendar month, month 1-12. */
export interface YearMonth {
  year: number;
  month: number;
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Whether a text is a month as `YYYY-MM` with a month from 01 to 12. */
export function isYearMonth(value: string): boolean {
  const match = YEAR_MONTH.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/**
 * Parses `YYYY-MM`.
 *
 * @throws RangeError naming the text when it is not such a month.
 */
export function parseYearMonth(value: string): YearMonth {
  const match = YEAR_MONTH.exec(value);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new RangeError(`"${value}" is not a month as YYYY-MM (such as 2026-11)`);
  return { year: Number(match[1]), month };
}

/** Formats a month as `YYYY-MM`. */
export function formatYearMonth(value: YearMonth): string {
  return `${String(value.year).padStart(4, '0')}-${String(value.month).padStart(2, '0')}`;
}

/** The month `count` months after (or before, if negative) a month; December rolls into January. */
export function addMonths(value: YearMonth, count: number): YearMonth {
  const index = value.year * 12 + (value.month - 1) + count;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** The month an instant falls in, in a time zone. */
export function yearMonthOf(ms: number, timeZone: string): YearMonth {
  const date = localDateOf(ms, timeZone);
  return { year: date.year, month: date.month };
}

/** The number of days in a month (leap years included). */
export function daysInMonth(value: YearMonth): number {
  // Day 0 of the next month is the last day of this one.
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(value.year, value.month, 0);
  return d.getUTCDate();
}

/** Day of the week of a calendar date, 0 = Sunday ... 6 = Saturday (proleptic Gregorian). */
export function weekdayIndexOf(date: LocalDate): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getUTCDay();
}
