/**
 * The period an evidence pack covers unless someone picks another: the last whole calendar month
 * in the site's time zone (packs are made early in a month for the one before), or, for a site
 * younger than that month, the month so far, so a new site's first pack is not an empty month
 * from before Patchdesk knew it. The Evidence screen and `patchdesk evidence` both use this rule.
 */
import { addLocalDays, formatLocalDate, localDateOf, type LocalDate } from '../sla/local-time';

/** Local days, both ends included (`YYYY-MM-DD`). */
export interface EvidencePeriod {
  from: string;
  to: string;
}

function monthStart(day: LocalDate, offset: number): LocalDate {
  const index = day.year * 12 + (day.month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/**
 * The default period seen at `nowMs` for a site created at `siteCreatedMs`, in the site's zone.
 *
 * @throws RangeError for an unknown time zone (from Intl).
 */
export function defaultEvidencePeriod(nowMs: number, siteCreatedMs: number, timeZone: string): EvidencePeriod {
  const today = localDateOf(nowMs, timeZone);
  const thisMonth = monthStart(today, 0);
  const lastMonth = monthStart(today, -1);
  const created = formatLocalDate(localDateOf(siteCreatedMs, timeZone));
  if (created > formatLocalDate(lastMonth)) return { from: formatLocalDate(thisMonth), to: formatLocalDate(today) };
  return { from: formatLocalDate(lastMonth), to: formatLocalDate(addLocalDays(thisMonth, -1)) };
}
