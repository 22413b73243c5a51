/**
 * The dashboard's headline figures, each with the screen where it is acted on. Tones stay calm:
 * colour marks only what needs doing (overdue fixes, lapsed exceptions, failing collections),
 * never a figure that is merely low.
 */
import type { ComplianceSummary } from '../../../../shared/contract';
import { measuredPhrase } from '../../../../shared/domain/coverage';
import { clockSinceLabel } from '../../../../shared/domain/sla/clock-start';
import { formatLocalDate, localDateOf, parseInstant } from '../../../../shared/domain/sla/local-time';
import { formatCount, plural } from '../../lib/format';
import { formatRoute } from '../shell/route';
import { dayCount } from './day-phrases';
import { formatPatchedShare, formatShare } from './share-format';

/** Which headline a tile shows; the tile's test id is `kpi-<id>`. */
export type KpiId = 'coverage' | 'fully-patched' | 'within-sla' | 'overdue' | 'oldest-security' | 'unsupported-os' | 'exceptions';

/** One headline tile. */
export interface KpiTile {
  id: KpiId;
  label: string;
  value: string;
  /** What the figure means, for the tooltip. */
  hint: string;
  /** The line under the value: what the value is of. */
  detail: string;
  /** A second, quieter line; empty when there is nothing to add. */
  note: string;
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  href: string;
  /** Where the link goes, for its accessible name: "Open patch status". */
  action: string;
}

/** Within-SLA shares at or above this are good news; below `WITHIN_SLA_WARNING` they are bad. */
export const WITHIN_SLA_GOOD = 0.95;
export const WITHIN_SLA_WARNING = 0.8;
/** A missing security fix older than this many days is flagged on its tile. */
export const OLD_SECURITY_FIX_DAYS = 30;

/** The seven tiles, in reading order: coverage first, since every share depends on it. */
export function kpiTiles(summary: ComplianceSummary): KpiTile[] {
  const status = formatRoute({ screen: 'status', tab: 'overview' });
  const openStatus = 'Open patch status';
  const { assets, missing } = summary.site;
  const withinCount = missing.within + missing.dueSoon + missing.excepted;
  const withinShare = missing.withinSlaShare;
  const oldest = summary.oldestMissingSecurity;
  const gaps = summary.coverageGaps.total;
  const ofMeasured = measuredPhrase(assets.measured, assets.inScope);
  const unsupported = summary.unsupportedOs;
  const exceptions = summary.exceptions;
  const expiring = exceptions.expiringSoon.total;
  const expired = exceptions.expired.total;

  return [
    {
      id: 'coverage',
      hint: `Assets in scope with a successful collection within ${plural(summary.freshnessDays, 'day')} before the end of the period. Only measured assets count in the patched shares.`,
      label: 'Coverage',
      value: formatShare(assets.coverageShare),
      detail: `${formatCount(assets.measured)} of ${plural(assets.inScope, 'asset')} measured`,
      note: gaps > 0 ? `${plural(gaps, 'coverage gap')}` : '',
      tone: gaps > 0 ? 'warning' : 'success',
      href: status,
      action: openStatus,
    },
    {
      id: 'fully-patched',
      hint: 'Measured assets with no missing update at the end of the period; unmeasured assets are not counted as patched.',
      label: 'Fully patched',
      value: formatPatchedShare(assets.fullyPatchedShare),
      detail: `${formatCount(assets.fullyPatched)} ${ofMeasured}`,
      // The detail line above says what the shares are of; the note stays short enough to read.
      note: assets.measured > 0 ? `${formatPatchedShare(assets.securityPatchedShare)} security patched (${formatCount(assets.securityPatched)} of ${formatCount(assets.measured)})` : '',
      tone: assets.fullyPatchedShare !== null && assets.fullyPatchedShare >= 0.9 ? 'success' : 'neutral',
      href: status,
      action: openStatus,
    },
    {
      id: 'within-sla',
      hint: 'Missing fixes still inside their SLA (due soon included) or covered by an active exception.',
      label: 'Within SLA',
      value: formatShare(withinShare),
      detail: missing.total > 0 ? `${formatCount(withinCount)} of ${plural(missing.total, 'fix', 'fixes')}` : 'Nothing missing',
      note: [missing.dueSoon > 0 ? `${formatCount(missing.dueSoon)} due soon` : '', missing.excepted > 0 ? `${formatCount(missing.excepted)} excepted` : ''].filter(Boolean).join(' · '),
      tone: withinShare === null ? 'neutral' : withinShare >= WITHIN_SLA_GOOD ? 'success' : withinShare >= WITHIN_SLA_WARNING ? 'warning' : 'danger',
      href: status,
      action: openStatus,
    },
    {
      id: 'overdue',
      hint: 'Missing fixes past their SLA due day without an active exception, at the end of the period.',
      label: 'Overdue fixes',
      value: formatCount(missing.overdue),
      detail: missing.overdue > 0 ? 'past SLA, no exception' : 'Nothing past its SLA',
      note: summary.site.breaches > 0 ? `${plural(summary.site.breaches, 'breach', 'breaches')} in period` : '',
      tone: missing.overdue > 0 ? 'danger' : 'success',
      href: status,
      action: openStatus,
    },
    {
      id: 'oldest-security',
      hint: "The missing security fix whose SLA clock started earliest (its publication, or when first seen, as the policy says), its age in days from then, and the host it is missing on.",
      label: 'Oldest security fix',
      value: oldest ? dayCount(oldest.ageDays) : 'None',
      detail: oldest ? oldest.updateName : 'No security fix missing',
      note: oldest ? `on ${oldest.assetName}, ${clockSinceLabel(oldest.clockBasis, formatLocalDate(localDateOf(parseInstant(oldest.clockStartAt), summary.period.timeZone)))}` : '',
      tone: oldest && oldest.ageDays > OLD_SECURITY_FIX_DAYS ? 'warning' : oldest ? 'neutral' : 'success',
      href: status,
      action: openStatus,
    },
    {
      id: 'unsupported-os',
      hint: 'Hosts whose operating system is past its end of support: no more fixes will come.',
      label: 'Unsupported OS',
      value: formatCount(unsupported.total),
      detail: 'past end of support',
      note: unsupported.items[0] ? `${unsupported.items[0].osName}${unsupported.items[0].osSource === 'inventory' ? ' (from inventory)' : ''}${unsupported.total > 1 ? ' and others' : ''}` : '',
      tone: unsupported.total > 0 ? 'danger' : 'neutral',
      href: status,
      action: openStatus,
    },
    {
      id: 'exceptions',
      hint: 'Active exceptions, with those about to expire and those already expired (their fixes count as breaches again).',
      label: 'Exceptions',
      value: formatCount(exceptions.active),
      detail: 'active',
      note: `${formatCount(expiring)} expiring · ${formatCount(expired)} expired`,
      tone: expired > 0 ? 'danger' : expiring > 0 ? 'warning' : 'neutral',
      href: formatRoute({ screen: 'exceptions', tab: 'open' }),
      action: 'Open the exception register',
    },
  ];
}
