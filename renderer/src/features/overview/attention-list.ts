/**
 * The dashboard's "Needs attention" list: what lapsed or is about to, each with where it is fixed.
 * Order: expired exceptions (their fixes are breaches again; longest lapsed first), late checklist
 * items (latest first), exceptions expiring soon (soonest first). Hosts not measured are listed
 * apart, as coverage gaps, in the same order and words as the evidence pack.
 */
import type { ComplianceSummary, ExceptionBrief } from '../../../../shared/contract';
import { scopeSummary } from '../exceptions/exception-labels';
import { formatRoute } from '../shell/route';
import { dayCount, daysAgo, daysBetween, inDays } from './day-phrases';

/** What an attention row is about; also its `data-kind`. */
export type AttentionKind = 'exception-expired' | 'checklist-late' | 'exception-expiring';

/** One row of the list. */
export interface AttentionItem {
  key: string;
  kind: AttentionKind;
  tone: 'danger' | 'warning' | 'neutral';
  /** The badge: "Expired", "Late", "Expiring", "Failed", "Not collected". */
  label: string;
  /** What it is: an exception's scope, a checklist item, a host. */
  title: string;
  /** Where it belongs or why: the owner, the cycle, the error. */
  detail: string;
  /** What to do about it, for the row's tooltip. */
  hint: string;
  /** When, next to the badge that says what: "24 days ago" (expired), "3 days late", "in 10 days" (expiring), "last OK 28 days ago". */
  when: string;
  /** The hash of the screen where it is dealt with. */
  href: string;
}

/** The list and how many entries the summary left out (it caps its lists). */
export interface AttentionList {
  items: AttentionItem[];
  /** Entries counted by the summary but not listed in it. */
  more: number;
}

/** An exception's row text: what it covers (the host, package, CVE…) and, quieter, its kind, reach and owner. */
function exceptionText(entry: ExceptionBrief): { title: string; scope: string } {
  const scope = scopeSummary(entry);
  const reach = scope.where === '' ? '' : scope.where.startsWith('on ') ? ` ${scope.where}` : `, ${scope.where}`;
  return { title: scope.target || scope.kind, scope: `${scope.kind}${reach} · owner ${entry.owner || 'not named'}` };
}

/** Builds the list as of the summary's period end. */
export function buildAttentionList(summary: ComplianceSummary): AttentionList {
  const lastDay = summary.period.toDate;
  const exceptionsHref = formatRoute({ screen: 'exceptions', tab: 'open' });

  const expired = [...summary.exceptions.expired.items]
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id)
    .map<AttentionItem>((entry) => ({
      key: `exception-${entry.id}`,
      kind: 'exception-expired',
      tone: 'danger',
      label: 'Expired',
      title: exceptionText(entry).title,
      detail: exceptionText(entry).scope,
      hint: 'Past its expiry: the fixes it covered count as breaches again. Renew it or close it.',
      when: daysAgo(-entry.daysLeft),
      href: exceptionsHref,
    }));

  const late = summary.lateChecklistItems
    .map((item) => ({ item, days: Math.max(1, daysBetween(item.dueDate, lastDay)) }))
    .sort((a, b) => b.days - a.days || a.item.dueBy.localeCompare(b.item.dueBy) || a.item.title.localeCompare(b.item.title))
    .map<AttentionItem>(({ item, days }) => ({
      key: `late-${item.cycleId}-${item.key}`,
      kind: 'checklist-late',
      tone: 'danger',
      label: 'Late',
      title: item.title,
      detail: item.cycleTitle,
      hint: `Was due ${item.dueDate}: tick it in the checklist, with its evidence.`,
      when: `${dayCount(days)} late`,
      href: formatRoute({ screen: 'checklist', view: 'cycle', cycleId: item.cycleId }),
    }));

  const expiring = [...summary.exceptions.expiringSoon.items]
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id)
    .map<AttentionItem>((entry) => ({
      key: `exception-${entry.id}`,
      kind: 'exception-expiring',
      tone: 'warning',
      label: 'Expiring',
      title: exceptionText(entry).title,
      detail: exceptionText(entry).scope,
      hint: 'Renew it before it lapses, or close it once the fix is in.',
      when: inDays(entry.daysLeft),
      href: exceptionsHref,
    }));

  const more =
    summary.exceptions.expired.total -
    summary.exceptions.expired.items.length +
    (summary.exceptions.expiringSoon.total - summary.exceptions.expiringSoon.items.length);
  // Coverage gaps have their own list (coverage-gaps-card.tsx), in the one gap order.
  return { items: [...expired, ...late, ...expiring], more: Math.max(0, more) };
}
