import { useEffect, useState } from 'react';
import { todayIn } from './checklist-dates';

/**
 * The current instant and the site's local day, ticking every minute, so "due today" and
 * "late by 2 days" stay true on a screen left open overnight.
 */
export function useSiteClock(timeZone: string, intervalMs = 60_000): { nowMs: number; today: string } {
  const [nowMs, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return { nowMs, today: todayIn(timeZone, nowMs) };
}
