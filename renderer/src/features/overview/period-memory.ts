/**
 * The period chosen on each site's dashboard, kept for the life of the window: following a link
 * from the dashboard and coming back must not reset the period the admin was looking at.
 */
import type { DayRange, PeriodPreset } from './period-presets';

/** A dashboard period choice. */
export interface PeriodChoice {
  preset: PeriodPreset;
  custom: DayRange;
}

const choices = new Map<number, PeriodChoice>();

/** The choice last made on a site's dashboard, if any. */
export function recallPeriod(siteId: number): PeriodChoice | undefined {
  return choices.get(siteId);
}

/** Keeps a site's choice. */
export function rememberPeriod(siteId: number, choice: PeriodChoice): void {
  choices.set(siteId, choice);
}
