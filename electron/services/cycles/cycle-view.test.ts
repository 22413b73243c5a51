import { describe, expect, it } from 'vitest';
import type { StoredChecklistItem, StoredCycle, StoredItemEvent } from '../../db/repositories/cycles.repository';
import { checklistItemsView, cycleSummaryView, judgedAt, lateItemsView } from './cycle-view';

const cycle: StoredCycle = { id: 7, siteId: 1, kind: 'emergency', month: null, title: 'Emergency: CVE-2026-1', triggerKind: 'cve', triggerRef: 'CVE-2026-1', reason: 'exploited', anchorDate: '2026-11-02', deadlineAt: '2026-11-04T23:00:00.000Z', periodFrom: '2026-11-02T09:00:00.000Z', periodTo: null, status: 'open', openedAt: '2026-11-02T09:00:00.000Z', openedBy: 'me', closedAt: null, closedBy: '', closeNote: '' };
const item = (id: number, key: string, kind: StoredChecklistItem['kind'], dueDate: string, state: StoredChecklistItem['state'] = 'pending'): StoredChecklistItem => ({ id, cycleId: 7, key, position: id, kind, title: key, description: '', dueDate, state });
const event = (itemId: number, action: StoredItemEvent['action'], doneAt: string | null): StoredItemEvent => ({ id: itemId * 10, itemId, at: '2026-11-03T10:00:00.000Z', actor: 'me', action, doneBy: action === 'reopened' ? '' : 'Ana', doneAt, note: '', evidence: [], rescan: null });

describe('cycle views', () => {
  it('takes state from the latest history entry and judges lateness in the site zone', () => {
    const items = [item(1, 'triage', 'triage', '2026-11-02', 'done'), item(2, 'deploy', 'deploy', '2026-11-04'), item(3, 'retest', 'rescan', '2026-11-04')];
    const events = [event(1, 'done', '2026-11-03T08:00:00.000Z'), event(2, 'done', '2026-11-03T09:00:00.000Z'), event(2, 'reopened', null)];
    const views = checklistItemsView(items, events, Date.parse('2026-11-05T12:00:00Z'), 'America/New_York');
    expect(views.map((view) => [view.key, view.state, view.late, view.doneLate, view.doneBy, view.history.length])).toEqual([
      ['triage', 'done', false, true, 'Ana', 1],
      ['deploy', 'pending', true, false, '', 2],
      ['retest', 'pending', true, false, '', 0],
    ]);
    expect(views[0]?.dueBy).toBe('2026-11-03T05:00:00.000Z');

    const summary = cycleSummaryView(cycle, views, Date.parse('2026-11-05T12:00:00Z'), 'America/New_York');
    expect(summary).toMatchObject({ overdue: true, triagedAt: '2026-11-03T08:00:00.000Z', deployedAt: null, verifiedAt: null, nextDue: { key: 'deploy' }, progress: { done: 1, pending: 2, late: 2, percent: 33 }, trigger: { kind: 'cve', ref: 'CVE-2026-1' } });
    expect(lateItemsView(cycle, items, Date.parse('2026-11-07T12:00:00Z'), 'America/New_York').map((late) => [late.key, late.daysLate])).toEqual([['deploy', 2], ['retest', 2]]);
  });

  it('judges a closed cycle as of its closing', () => {
    const closed = { ...cycle, status: 'closed' as const, closedAt: '2026-11-03T00:00:00.000Z' };
    expect(judgedAt(closed, Date.parse('2027-01-01T00:00:00Z'))).toBe(Date.parse('2026-11-03T00:00:00Z'));
    expect(judgedAt(cycle, 5)).toBe(5);
  });
});
