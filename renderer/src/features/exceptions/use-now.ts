import { useEffect, useState } from 'react';

/** The current time, ticking every `intervalMs`, so relative texts ("in 5 days") stay true on a screen left open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
