/** Builders of cycles and items for the checklist's model tests. */
import type { ChecklistItem, CycleDetail, CycleSummary } from '../../../../shared/contract';

/** A baseline cycle summary for November 2026, open, nothing done, overridable. */
export function cycleSummary(patch: Partial<CycleSummary> = {}): CycleSummary {
  return {
    id: 1,
    siteId: 1,
    kind: 'baseline',
    status: 'open',
    title: 'Baseline 2026-11',
    month: '2026-11',
    anchorDate: '2026-11-10',
    trigger: null,
    reason: '',
    deadline: null,
    overdue: false,
    period: { from: '2026-11-10T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' },
    openedAt: '2026-11-09T08:00:00.000Z',
    openedBy: 'ana',
    closedAt: null,
    closedBy: '',
    closeNote: '',
    progress: { total: 8, done: 0, notApplicable: 0, pending: 8, late: 0, percent: 0 },
    nextDue: { key: 'inventory-refresh', title: 'Inventory refreshed', dueDate: '2026-11-09' },
    triagedAt: null,
    deployedAt: null,
    verifiedAt: null,
    ...patch,
  };
}

/** An emergency cycle summary, open, due in a few days. */
export function emergencySummary(patch: Partial<CycleSummary> = {}): CycleSummary {
  return cycleSummary({
    id: 2,
    kind: 'emergency',
    title: 'Emergency: CVE-2026-1234',
    month: null,
    anchorDate: '2026-11-20',
    trigger: { kind: 'cve', ref: 'CVE-2026-1234' },
    reason: 'Exploited in the wild',
    deadline: '2026-11-25T23:00:00.000Z',
    progress: { total: 5, done: 0, notApplicable: 0, pending: 5, late: 0, percent: 0 },
    nextDue: { key: 'triage', title: 'Triage', dueDate: '2026-11-20' },
    ...patch,
  });
}

/** A pending checklist item, overridable. */
export function checklistItem(patch: Partial<ChecklistItem> = {}): ChecklistItem {
  return {
    key: 'test-ring',
    position: 0,
    title: 'Test ring patched',
    description: '',
    kind: 'task',
    dueDate: '2026-11-11',
    dueBy: '2026-11-12T00:00:00.000Z',
    state: 'pending',
    late: false,
    doneLate: false,
    doneBy: '',
    doneAt: null,
    recordedBy: '',
    recordedAt: null,
    note: '',
    evidence: [],
    rescan: null,
    history: [],
    ...patch,
  };
}

/** A cycle detail from a summary and items. */
export function cycleDetail(items: ChecklistItem[], patch: Partial<CycleDetail> = {}): CycleDetail {
  return {
    ...cycleSummary(),
    items,
    scope: [],
    rescan: { from: '2026-11-10T00:00:00.000Z', to: null, hostsCollected: 0, hostsFailed: 0, dueHosts: 0, dueHostsCollected: 0, lastCollectedAt: null, runs: [] },
    ...patch,
  };
}
