/**
 * The baseline schedule form: the anchor (nth weekday of the month plus an offset) and the
 * cadence per asset class. The preview of the coming anchor days is computed here with the
 * domain's own calendar, so it updates as the admin types and matches what the host will do.
 */
import type { CycleSettings, CycleSettingsUpdate } from '../../../../shared/contract';
import { baselineAnchorDate, describeBaselineAnchor, MAX_ANCHOR_OFFSET_DAYS, type BaselineAnchor, type WeekdayOccurrence } from '../../../../shared/domain/cycles/baseline-anchor';
import { ASSET_CLASSES, type Cadence, type AssetClass } from '../../../../shared/domain/cycles/cadence';
import type { Weekday } from '../../../../shared/domain/cycles/weekdays';
import { addMonths, formatYearMonth, parseYearMonth } from '../../../../shared/domain/cycles/year-month';
import { formatLocalDate } from '../../../../shared/domain/sla/local-time';
import { DISPLAY_LOCALE } from '../../lib/format';

/** What the schedule form holds. */
export interface ScheduleFormValues {
  weekday: Weekday;
  nth: WeekdayOccurrence;
  /** As typed. */
  offset: string;
  cadences: Record<AssetClass, Cadence>;
  cadenceStartMonth: number;
}

/** The form's values from the stored settings. */
export function scheduleFromSettings(settings: Pick<CycleSettings, 'anchor' | 'cadences' | 'cadenceStartMonth'>): ScheduleFormValues {
  return { weekday: settings.anchor.weekday, nth: settings.anchor.nth as WeekdayOccurrence, offset: String(settings.anchor.offsetDays), cadences: { ...settings.cadences }, cadenceStartMonth: settings.cadenceStartMonth };
}

/** The offset as a number, or why it is refused. */
export function parseAnchorOffset(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (!/^[-+]?\d+$/.test(trimmed)) return { ok: false, error: 'A whole number of days, such as 0 or 4.' };
  const value = Number(trimmed);
  if (Math.abs(value) > MAX_ANCHOR_OFFSET_DAYS) return { ok: false, error: `From -${MAX_ANCHOR_OFFSET_DAYS} to ${MAX_ANCHOR_OFFSET_DAYS} days.` };
  return { ok: true, value };
}

/** The anchor the form describes, or null while the offset is invalid. */
export function anchorOf(values: ScheduleFormValues): BaselineAnchor | null {
  const offset = parseAnchorOffset(values.offset);
  return offset.ok ? { weekday: values.weekday, nth: values.nth, offsetDays: offset.value } : null;
}

/** "second Tuesday + 4 days", or '' while the offset is invalid. */
export function anchorLabel(values: ScheduleFormValues): string {
  const anchor = anchorOf(values);
  return anchor ? describeBaselineAnchor(anchor) : '';
}

/** The anchor days of `count` months from `fromMonth` (`YYYY-MM`), as `{ month, day }`. */
export function anchorPreview(values: ScheduleFormValues, fromMonth: string, count = 3): { month: string; day: string }[] {
  const anchor = anchorOf(values);
  if (!anchor) return [];
  const start = parseYearMonth(fromMonth);
  return Array.from({ length: count }, (_, index) => {
    const month = addMonths(start, index);
    return { month: formatYearMonth(month), day: formatLocalDate(baselineAnchorDate(month, anchor)) };
  });
}

/** The update request for what changed, or why it cannot be saved; null changes when nothing did. */
export function buildScheduleUpdate(values: ScheduleFormValues, stored: Pick<CycleSettings, 'siteId' | 'anchor' | 'cadences' | 'cadenceStartMonth'>): { ok: true; request: CycleSettingsUpdate | null } | { ok: false; error: string } {
  const anchor = anchorOf(values);
  if (!anchor) return { ok: false, error: (parseAnchorOffset(values.offset) as { error: string }).error };
  const changes: CycleSettingsUpdate['changes'] = {};
  if (anchor.weekday !== stored.anchor.weekday || anchor.nth !== stored.anchor.nth || anchor.offsetDays !== stored.anchor.offsetDays) changes.anchor = anchor;
  const cadences = Object.fromEntries(ASSET_CLASSES.filter((assetClass) => values.cadences[assetClass] !== stored.cadences[assetClass]).map((assetClass) => [assetClass, values.cadences[assetClass]]));
  if (Object.keys(cadences).length > 0) changes.cadences = cadences;
  if (values.cadenceStartMonth !== stored.cadenceStartMonth) changes.cadenceStartMonth = values.cadenceStartMonth;
  return { ok: true, request: Object.keys(changes).length > 0 ? { siteId: stored.siteId, changes } : null };
}

/** Month names for the cadence start month. */
export function monthNames(locale: string = DISPLAY_LOCALE): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, index) => format.format(Date.UTC(2026, index, 1)));
}
