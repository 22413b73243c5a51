/**
 * The period of an evidence pack: whole local days of the site (`YYYY-MM-DD`, both ends
 * included), picked from a few presets or typed. Auditors and insurers ask for calendar months
 * and quarters, so the presets follow the calendar rather than "the last 30 days".
 */
import { addLocalDays, formatLocalDate, localDateOf, type LocalDate } from '../../../../shared/domain/sla/local-time';

/** The period choices, in the order the picker shows them. */
export const EVIDENCE_PERIOD_PRESETS = ['lastMonth', 'thisMonth', 'lastQuarter', 'custom'] as const;
/** One of `EVIDENCE_PERIOD_PRESETS`. */
export type EvidencePeriodPreset = (typeof EVIDENCE_PERIOD_PRESETS)[number];

/** Labels of the period choices. */
export const EVIDENCE_PERIOD_LABELS: Record<EvidencePeriodPreset, string> = {
  lastMonth: 'Last month',
  thisMonth: 'This month so far',
  lastQuarter: 'Last quarter',
  custom: 'Custom',
};

/** Local days, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a `YYYY-MM-DD` day that exists on the calendar; null for anything else (2026-02-30 included). */
export function parseDay(text: string): LocalDate | null {
  const match = DAY_PATTERN.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCFullYear() === date.year && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

/** Today in a time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, nowMs: number): string {
  return formatLocalDate(localDateOf(nowMs, timeZone));
}

/** The first day of the month `offset` months away from the month of `day` (a valid day). */
function monthStart(day: LocalDate, offset: number): LocalDate {
  const index = day.year * 12 + (day.month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/**
 * The days a preset covers, seen from `today` (the site's local day): last month is the whole
 * previous calendar month, this month runs from its first day to today, last quarter is the
 * whole previous calendar quarter (January to March, April to June...).
 */
export function presetRange(preset: Exclude<EvidencePeriodPreset, 'custom'>, today: string): DayRange {
  const date = parseDay(today);
  if (!date) throw new RangeError(`"${today}" is not a YYYY-MM-DD day`);
  const thisMonth = monthStart(date, 0);
  switch (preset) {
    case 'lastMonth':
      return { from: formatLocalDate(monthStart(date, -1)), to: formatLocalDate(addLocalDays(thisMonth, -1)) };
    case 'thisMonth':
      return { from: formatLocalDate(thisMonth), to: today };
    case 'lastQuarter': {
      const quarterStart = monthStart(date, -((date.month - 1) % 3));
      return { from: formatLocalDate(monthStart(quarterStart, -3)), to: formatLocalDate(addLocalDays(quarterStart, -1)) };
    }
  }
}

/** The preset a range matches (so typed dates that equal a preset show it), else `custom`. */
export function presetOf(range: DayRange, today: string): EvidencePeriodPreset {
  if (!parseDay(today)) return 'custom';
  for (const preset of EVIDENCE_PERIOD_PRESETS) {
    if (preset === 'custom') continue;
    const candidate = presetRange(preset, today);
    if (candidate.from === range.from && candidate.to === range.to) return preset;
  }
  return 'custom';
}

/** What is wrong with a period, naming the field; null when a pack can be built for it. */
export function periodProblem(range: DayRange, today: string): { field: 'from' | 'to'; message: string } | null {
  if (!parseDay(range.from)) return { field: 'from', message: 'Enter the first day of the period (YYYY-MM-DD).' };
  if (!parseDay(range.to)) return { field: 'to', message: 'Enter the last day of the period (YYYY-MM-DD).' };
  if (range.from > today) return { field: 'from', message: 'The period cannot start in the future.' };
  if (range.to > today) return { field: 'to', message: `The period cannot end after today (${today}).` };
  if (range.from > range.to) return { field: 'to', message: 'The last day must be on or after the first day.' };
  return null;
}

/** How many local days a valid range covers, both ends included. */
export function dayCount(range: DayRange): number {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) return 0;
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000) + 1;
}
