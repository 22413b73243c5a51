import { useNow } from '../exceptions/use-now';
import { todayIn } from './checklist-dates';

/**
 * The current instant and the site's local day, ticking every minute, so "due today" and
 * "late by 2 days" stay true on a screen left open overnight.
 */
export function useSiteClock(timeZone: string, intervalMs = 60_000): { nowMs: number; today: string } {
  const nowMs = useNow(intervalMs);
  return { nowMs, today: todayIn(timeZone, nowMs) };
}
