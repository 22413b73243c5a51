/**
 * The SLA clock of a missing fix as the patch-status views show it: a badge per pending update
 * (overdue by N days, due soon, due on a day, or covered by an exception) and the severity words.
 */
import type { AssetPatchStatus, PendingSla } from '../../../../shared/contract';
import type { Severity } from '../../../../shared/domain/patch-policy';
import { clockSinceLabel, clockStartLabel } from '../../../../shared/domain/sla/clock-start';
import { formatLocalDate, localDateOf, parseInstant } from '../../../../shared/domain/sla/local-time';
import type { BadgeTone } from '../../components/badge';
import { formatRoute } from '../shell/route';

/** Severity words, as the policy editor writes them. */
export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Severity colours: only the two that set the shortest SLAs stand out. */
export const SEVERITY_TONES: Record<Severity, BadgeTone> = { critical: 'danger', high: 'warning', medium: 'neutral', low: 'neutral' };

/** What an SLA badge shows. */
export interface SlaBadgeModel {
  tone: BadgeTone;
  text: string;
  /** The whole rule in words, for the tooltip. */
  title: string;
  /** Where the covering exception is (excepted fixes only). */
  href: string | null;
}

const days = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`;

/** The badge of one fix's SLA; `formatDay` writes a `YYYY-MM-DD` day for people. */
export function slaBadge(sla: PendingSla, formatDay: (day: string) => string): SlaBadgeModel {
  const due = formatDay(sla.dueDate);
  const start = clockStart(sla);
  const kev = sla.deadlineRule === 'kev_cisa_due' ? "; known exploited: the policy's KEV rule holds it to CISA's due date" : sla.deadlineRule === 'kev_days' ? "; known exploited: shortened by the policy's KEV rule (days from the KEV listing)" : '';
  const rule = `${SEVERITY_LABELS[sla.severity]} severity, Tier ${sla.tier}${sla.tierDefaulted ? ' (unclassified asset, held to the default tier)' : ''}${start ? `; clock from ${start.text}` : ''}${kev}`;
  switch (sla.state) {
    case 'overdue':
      return { tone: 'danger', text: `Overdue ${days(sla.overdueDays)}`, title: `Was due ${due}: ${days(sla.overdueDays)} past its SLA. ${rule}.`, href: null };
    case 'due_soon':
      return { tone: 'warning', text: sla.remainingDays === 0 ? 'Due today' : sla.remainingDays === 1 ? 'Due tomorrow' : `Due in ${days(sla.remainingDays)}`, title: `Due ${due}. ${rule}.`, href: null };
    case 'within':
      return { tone: 'neutral', text: `Due ${due}`, title: `Within SLA: due ${due} (${days(sla.remainingDays)} left). ${rule}.`, href: null };
    case 'excepted':
      return {
        tone: 'info',
        text: 'Excepted',
        title: `Covered by exception${sla.exceptionId === null ? '' : ` #${sla.exceptionId}`} while it is active; otherwise due ${due}. ${rule}.`,
        href: formatRoute({ screen: 'exceptions', tab: 'open' }),
      };
  }
}

/**
 * A sort key for the SLA column: longest overdue first, then soonest due, then excepted, then
 * updates without a clock (lower sorts first).
 */
export function slaSortKey(sla: PendingSla | undefined): number {
  if (!sla) return 4e6;
  switch (sla.state) {
    case 'overdue':
      return -sla.overdueDays;
    case 'due_soon':
      return 1e6 + sla.remainingDays;
    case 'within':
      return 2e6 + sla.remainingDays;
    case 'excepted':
      return 3e6;
  }
}

/** Why the clock started when it did, for the tooltip of the "Clock from" cell. */
const BASIS_NOTES = {
  published: "the vendor's publication date of the fix",
  repository_date: 'the date of the package repository index that offered it (it was out by then, perhaps earlier)',
  first_seen: 'the day Patchdesk first saw it missing (no publication date, or the policy counts from first seen)',
} as const;

/**
 * Where a fix's SLA clock started, in the site's days: "published 2026-10-03" or "first seen
 * 2026-11-20", and what that basis means; null for a fix without a clock.
 */
export function clockStart(sla: PendingSla | undefined): { text: string; note: string } | null {
  if (!sla?.clockBasis || !sla.clockStartDate) return null;
  return { text: clockStartLabel(sla.clockBasis, sla.clockStartDate), note: BASIS_NOTES[sla.clockBasis] };
}

/**
 * The oldest missing security fix of a host as the fleet table and the drawer name it, in the
 * dashboard's and the PDF's words: "openssl, since 2026-09-01 (published)"; null when there is none.
 */
export function oldestSecurityNote(oldest: AssetPatchStatus['oldestSecurity'], timeZone: string): string | null {
  if (!oldest) return null;
  return `${oldest.updateName}, ${clockSinceLabel(oldest.clockBasis, formatLocalDate(localDateOf(parseInstant(oldest.clockStartAt), timeZone)))}`;
}
