/**
 * The dashboard's period: a few presets and a custom range, all in the site's local days
 * (`YYYY-MM-DD`, both ends included), and the `compliance:summary` request for them. A period
 * that reaches today ends now rather than at tonight's midnight, so its end-of-period figures
 * are today's and not a guess at tonight's.
 */
import type { ComplianceSummaryRequest } from '../../../../shared/contract';
import { addDays, parseDay } from '../exceptions/exception-dates';

/** The period choices, in the order the selector shows them. */
export const PERIOD_PRESETS = ['last30', 'thisMonth', 'lastMonth', 'last90', 'custom'] as const;
/** One of `PERIOD_PRESETS`. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Labels of the period choices. */
export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  last30: 'Last 30 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  last90: 'Last 90 days',
  custom: 'Custom',
};

/** Local days, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** The first day of the month `offset` months from the month of `day`. */
function monthStart(day: string, offset: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + offset;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The days a preset covers, counted back from `today` (the site's local day). "Last 30 days" is
 * today and the 29 days before it, as the host's default period is.
 */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): DayRange {
  switch (preset) {
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: monthStart(today, 0), to: today };
    case 'lastMonth':
      return { from: monthStart(today, -1), to: addDays(monthStart(today, 0), -1) };
  }
}

/** What is wrong with a custom range, in words for the form; null when it can be asked for. */
export function customRangeProblem(range: DayRange, today: string): { field: 'from' | 'to'; message: string } | null {
  if (!parseDay(range.from)) return { field: 'from', message: 'Pick the first day of the period.' };
  if (!parseDay(range.to)) return { field: 'to', message: 'Pick the last day of the period.' };
  if (range.from > today) return { field: 'from', message: 'The period cannot start after today.' };
  if (range.from > range.to) return { field: 'to', message: 'The last day must be on or after the first day.' };
  return null;
}

/**
 * The summary request for a range: days as they are, except that a range reaching today (or
 * beyond) leaves `to` out, so the host measures up to now.
 */
export function summaryRequest(siteId: number, range: DayRange, today: string): ComplianceSummaryRequest {
  return range.to >= today ? { siteId, from: range.from } : { siteId, from: range.from, to: range.to };
}
