/**
 * The evidence step in a few words for the rail: whether last month's pack, the one clients
 * usually ask for at the start of a month, has been exported.
 */
import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import { presetRange } from './evidence-period';
import { DISPLAY_LOCALE } from '../../lib/format';

/** "October 2026 pack exported" or "October 2026 pack not exported yet", seen from the site's `today`. */
export function evidenceRailStatus(packs: readonly EvidencePackRecord[], today: string, locale: string = DISPLAY_LOCALE): string {
  let lastMonth;
  try {
    lastMonth = presetRange('lastMonth', today);
  } catch {
    return '';
  }
  const [year, month] = lastMonth.from.split('-').map(Number) as [number, number];
  const name = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
  const covered = packs.some((pack) => pack.periodFrom <= lastMonth.from && pack.periodTo >= lastMonth.to);
  return covered ? `${name} pack exported` : `${name} pack not exported yet`;
}
