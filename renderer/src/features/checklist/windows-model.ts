/**
 * The maintenance windows editor as plain data: one row per window (the whole site or one ring),
 * weekdays, a local start and a length in hours and minutes. Times are the site's wall clock; the
 * next occurrence is computed with the domain's rule (daylight-saving changes included), so an
 * unsaved row already shows when it would next open.
 */
import type { MaintenanceWindowRecord, SetWindowsRequest } from '../../../../shared/contract';
import { isLocalTime, MAX_WINDOW_MINUTES, nextWindow } from '../../../../shared/domain/cycles/maintenance-window';
import type { Ring } from '../../../../shared/domain/cycles/rings';
import type { Weekday } from '../../../../shared/domain/cycles/weekdays';
import { WEEKDAYS_MONDAY_FIRST, WEEKDAY_SHORT } from './checklist-labels';

/** One row of the editor. */
export interface WindowDraft {
  uid: string;
  ring: Ring | null;
  label: string;
  weekdays: Weekday[];
  start: string;
  /** As typed. */
  hours: string;
  minutes: string;
}

let uidCounter = 0;
function nextUid(): string {
  uidCounter += 1;
  return `window-${uidCounter}`;
}

/** Editor rows from the stored windows. */
export function draftFromWindows(windows: readonly Pick<MaintenanceWindowRecord, 'ring' | 'label' | 'weekdays' | 'start' | 'durationMinutes'>[]): WindowDraft[] {
  return windows.map((window) => ({ uid: nextUid(), ring: window.ring, label: window.label, weekdays: sortWeekdays(window.weekdays), start: window.start, hours: String(Math.floor(window.durationMinutes / 60)), minutes: String(window.durationMinutes % 60) }));
}

/** A new window: Saturday night, four hours, for the whole site unless a ring is given. */
export function newWindow(ring: Ring | null = null): WindowDraft {
  return { uid: nextUid(), ring, label: '', weekdays: ['sat'], start: '22:00', hours: '4', minutes: '0' };
}

/** Weekdays in Monday-first order, without repeats. */
export function sortWeekdays(weekdays: readonly Weekday[]): Weekday[] {
  return WEEKDAYS_MONDAY_FIRST.filter((day) => weekdays.includes(day));
}

/** Adds or removes a weekday. */
export function toggleWeekday(weekdays: readonly Weekday[], day: Weekday): Weekday[] {
  return sortWeekdays(weekdays.includes(day) ? weekdays.filter((each) => each !== day) : [...weekdays, day]);
}

/** The length in minutes, or null when the hours or minutes do not parse. */
export function durationOf(draft: Pick<WindowDraft, 'hours' | 'minutes'>): number | null {
  const hours = draft.hours.trim() === '' ? 0 : Number(draft.hours);
  const minutes = draft.minutes.trim() === '' ? 0 : Number(draft.minutes);
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || minutes < 0 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Problems of one row by field (`weekdays`, `start`, `duration`, `label`). */
export function windowProblems(draft: WindowDraft): Partial<Record<'weekdays' | 'start' | 'duration' | 'label', string>> {
  const problems: Partial<Record<'weekdays' | 'start' | 'duration' | 'label', string>> = {};
  if (draft.weekdays.length === 0) problems.weekdays = 'Pick at least one weekday.';
  if (!isLocalTime(draft.start)) problems.start = 'A time as HH:MM (24-hour).';
  const minutes = durationOf(draft);
  if (minutes === null) problems.duration = 'Whole hours and 0-59 minutes.';
  else if (minutes < 1) problems.duration = 'At least 1 minute.';
  else if (minutes > MAX_WINDOW_MINUTES) problems.duration = 'At most 7 days.';
  if (draft.label.trim().length > 100) problems.label = 'At most 100 characters.';
  return problems;
}

/** The request replacing the site's windows, or null while a row has a problem. */
export function buildWindowsRequest(siteId: number, drafts: readonly WindowDraft[]): SetWindowsRequest | null {
  if (drafts.some((draft) => Object.keys(windowProblems(draft)).length > 0)) return null;
  return { siteId, windows: drafts.map((draft) => ({ ring: draft.ring, label: draft.label.trim(), weekdays: sortWeekdays(draft.weekdays), start: draft.start, durationMinutes: durationOf(draft) as number })) };
}

/** Whether the rows differ from the stored windows. */
export function windowsDirty(drafts: readonly WindowDraft[], stored: readonly Pick<MaintenanceWindowRecord, 'ring' | 'label' | 'weekdays' | 'start' | 'durationMinutes'>[]): boolean {
  const shape = (rows: readonly { ring: Ring | null; label: string; weekdays: readonly Weekday[]; start: string; durationMinutes: number | null }[]) => JSON.stringify(rows.map((row) => [row.ring, row.label.trim(), sortWeekdays(row.weekdays), row.start, row.durationMinutes]));
  return shape(drafts.map((draft) => ({ ...draft, durationMinutes: durationOf(draft) }))) !== shape(stored);
}

/** "4 h", "1 h 30 min", "45 min", "2 d 4 h". */
export function durationText(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/** The wall-clock end of a window: "02:00 next day", "06:30", "22:00 + 2 days". */
export function endText(start: string, minutes: number): string {
  if (!isLocalTime(start)) return '';
  const [hour, minute] = start.split(':').map(Number) as [number, number];
  const total = hour * 60 + minute + minutes;
  const days = Math.floor(total / 1440);
  const clock = `${String(Math.floor((total % 1440) / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  if (days === 0) return clock;
  return days === 1 ? `${clock} next day` : `${clock} + ${days} days`;
}

/** "Every day", "Weekdays", "Weekends", or "Tue, Thu". */
export function weekdaysText(weekdays: readonly Weekday[]): string {
  const sorted = sortWeekdays(weekdays);
  if (sorted.length === 7) return 'Every day';
  if (sorted.join() === 'mon,tue,wed,thu,fri') return 'Weekdays';
  if (sorted.join() === 'sat,sun') return 'Weekends';
  return sorted.map((day) => WEEKDAY_SHORT[day]).join(', ');
}

/** The occurrence of a row in progress now, or next, in epoch ms; null while the row is invalid. */
export function nextOccurrence(draft: WindowDraft, nowMs: number, timeZone: string): { from: number; to: number } | null {
  const minutes = durationOf(draft);
  if (Object.keys(windowProblems(draft)).length > 0 || minutes === null) return null;
  return nextWindow({ ring: draft.ring, weekdays: draft.weekdays, start: draft.start, durationMinutes: minutes }, nowMs, timeZone);
}

