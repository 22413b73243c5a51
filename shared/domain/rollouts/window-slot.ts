/**
 * When a host may start inside its ring's maintenance windows: only if the work it is estimated
 * to take, reboot included, ends before the window's closing buffer (JetPatch's 30 minutes: no
 * new host starts then, but hosts already running finish). A ring with no window of its own and
 * no site-wide window has no restriction.
 */
import { nextWindowForRing, windowsForRing, type MaintenanceWindow } from '../cycles/maintenance-window';
import type { Ring } from '../cycles/rings';

/** How long a host's work is expected to take, and the buffer kept free at a window's end. */
export interface SlotOptions {
  estimatedMinutes: number;
  closingBufferMinutes: number;
}

/** When the host may start. */
export type HostSlot =
  | { start: 'now'; windowClosesAtMs: number | null }
  | { start: 'later'; atMs: number; windowClosesAtMs: number }
  | { start: 'never'; reason: string };

const MINUTE_MS = 60_000;
// Weekly windows repeat; two weeks of occurrences is enough to find one that fits or prove none does.
const OCCURRENCES_TO_TRY = 30;

/** The slot of a host of `ring` at `nowMs`. */
export function hostSlot(windows: readonly MaintenanceWindow[], ring: Ring, nowMs: number, timeZone: string, options: SlotOptions): HostSlot {
  if (windowsForRing(windows, ring).length === 0) return { start: 'now', windowClosesAtMs: null };
  const needMs = (options.estimatedMinutes + options.closingBufferMinutes) * MINUTE_MS;
  let after = nowMs;
  for (let tried = 0; tried < OCCURRENCES_TO_TRY; tried++) {
    const occurrence = nextWindowForRing(windows, ring, after, timeZone);
    if (!occurrence) break;
    const startAt = Math.max(occurrence.from, nowMs);
    if (startAt + needMs <= occurrence.to) return startAt === nowMs ? { start: 'now', windowClosesAtMs: occurrence.to } : { start: 'later', atMs: startAt, windowClosesAtMs: occurrence.to };
    after = occurrence.to;
  }
  return { start: 'never', reason: `no maintenance window of the ${ring} ring is long enough for ${options.estimatedMinutes} minutes of work plus a ${options.closingBufferMinutes}-minute closing buffer` };
}
