/**
 * Builds what the contract returns for a cycle from what the repository stores: each item's
 * current state from the latest entry of its history, lateness judged in the site's time zone,
 * progress, and the triage, deployment and verification timestamps.
 */
import type { ChecklistItem, CycleSummary, LateCycleItem } from '../../../shared/contract/cycles';
import type { ChecklistItemKind } from '../../../shared/domain/cycles/checklist-template';
import { checklistProgress, dueEndMs, isItemLate, parseLocalDate, wasDoneLate } from '../../../shared/domain/cycles/checklist-status';
import { addLocalDays, formatInstant, localDateOf, localDaysBetween, parseInstant } from '../../../shared/domain/sla/local-time';
import type { StoredChecklistItem, StoredCycle, StoredItemEvent } from '../../db/repositories/cycles.repository';

/** The instant a cycle's lateness is judged at: now, or its closing for a closed cycle. */
export function judgedAt(cycle: StoredCycle, nowMs: number): number {
  return cycle.closedAt === null ? nowMs : Math.min(nowMs, parseInstant(cycle.closedAt));
}

/** The items of one cycle with their state, lateness and history. */
export function checklistItemsView(items: readonly StoredChecklistItem[], events: readonly StoredItemEvent[], atMs: number, timeZone: string): ChecklistItem[] {
  const historyOf = new Map<number, StoredItemEvent[]>();
  for (const event of events) historyOf.set(event.itemId, [...(historyOf.get(event.itemId) ?? []), event]);
  return items.map((item) => {
    const history = historyOf.get(item.id) ?? [];
    const last = item.state === 'pending' ? undefined : history[history.length - 1];
    const timed = { state: item.state, dueDate: item.dueDate, doneAt: last?.doneAt ?? null };
    return {
      key: item.key,
      position: item.position,
      title: item.title,
      description: item.description,
      kind: item.kind,
      dueDate: item.dueDate,
      dueBy: formatInstant(dueEndMs(item.dueDate, timeZone)),
      state: item.state,
      late: isItemLate(timed, atMs, timeZone),
      doneLate: wasDoneLate(timed, timeZone),
      doneBy: last?.doneBy ?? '',
      doneAt: last?.doneAt ?? null,
      recordedBy: last?.actor ?? '',
      recordedAt: last?.at ?? null,
      note: last?.note ?? '',
      evidence: last?.evidence ?? [],
      rescan: last?.rescan ?? null,
      history: history.map((event) => ({ at: event.at, actor: event.actor, action: event.action, doneBy: event.doneBy, doneAt: event.doneAt, note: event.note, evidence: event.evidence, rescan: event.rescan })),
    };
  });
}

/** A cycle's summary from its items (as built by `checklistItemsView`). */
export function cycleSummaryView(cycle: StoredCycle, items: readonly ChecklistItem[], nowMs: number, timeZone: string): CycleSummary {
  const doneAtOf = (kind: ChecklistItemKind) => items.find((item) => item.kind === kind && item.state === 'done')?.doneAt ?? null;
  const next = items.filter((item) => item.state === 'pending').sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.position - b.position)[0];
  return {
    id: cycle.id,
    siteId: cycle.siteId,
    kind: cycle.kind,
    status: cycle.status,
    title: cycle.title,
    month: cycle.month,
    anchorDate: cycle.anchorDate,
    trigger: cycle.triggerKind === null ? null : { kind: cycle.triggerKind, ref: cycle.triggerRef },
    reason: cycle.reason,
    deadline: cycle.deadlineAt,
    overdue: cycle.kind === 'emergency' && cycle.status === 'open' && cycle.deadlineAt !== null && nowMs >= parseInstant(cycle.deadlineAt),
    period: { from: cycle.periodFrom, to: cycle.periodTo },
    openedAt: cycle.openedAt,
    openedBy: cycle.openedBy,
    closedAt: cycle.closedAt,
    closedBy: cycle.closedBy,
    closeNote: cycle.closeNote,
    progress: checklistProgress(items, judgedAt(cycle, nowMs), timeZone),
    nextDue: next ? { key: next.key, title: next.title, dueDate: next.dueDate } : null,
    triagedAt: doneAtOf('triage'),
    deployedAt: doneAtOf('deploy'),
    verifiedAt: doneAtOf('rescan'),
  };
}

/** The late items of a cycle at an instant, most overdue first. */
export function lateItemsView(cycle: StoredCycle, items: readonly StoredChecklistItem[], atMs: number, timeZone: string): LateCycleItem[] {
  const today = localDateOf(atMs, timeZone);
  return items
    .filter((item) => isItemLate(item, atMs, timeZone))
    .map((item) => ({
      cycleId: cycle.id,
      cycleTitle: cycle.title,
      cycleKind: cycle.kind,
      key: item.key,
      title: item.title,
      dueDate: item.dueDate,
      dueBy: formatInstant(dueEndMs(item.dueDate, timeZone)),
      daysLate: Math.max(0, localDaysBetween(addLocalDays(parseLocalDate(item.dueDate), 1), today)),
    }));
}
