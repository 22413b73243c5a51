import { describe, expect, it } from 'vitest';
import type { ExceptionBrief, LateChecklistItem } from '../../../../shared/contract';
import { buildAttentionList } from './attention-list';
import { makeSummary } from './overview-fixtures.test-helper';

function brief(id: number, daysLeft: number, patch: Partial<ExceptionBrief> = {}): ExceptionBrief {
  return {
    id,
    scope: { kind: 'asset', assetId: id, value: '' },
    assetName: `host-${id}`,
    owner: 'IT lead',
    reason: 'Vendor support pending',
    startsAt: '2026-08-01T00:00:00.000Z',
    expiresAt: '2026-12-01T00:00:00.000Z',
    lastDay: '2026-11-30',
    daysLeft,
    status: daysLeft < 0 ? 'expired' : 'expiring_soon',
    ...patch,
  };
}

function late(cycleId: number, key: string, dueDate: string): LateChecklistItem {
  return { cycleId, cycleTitle: `Baseline ${cycleId}`, cycleKind: 'baseline', key, title: `Step ${key}`, dueDate, dueBy: `${dueDate}T23:00:00.000Z`, daysLate: 0 };
}

describe('buildAttentionList', () => {
  it('puts expired exceptions first, then late items by lateness, then expiring soonest; coverage gaps are listed apart', () => {
    const summary = makeSummary();
    summary.exceptions.expired = { total: 2, items: [brief(9, -24), brief(1, -60)] };
    summary.exceptions.expiringSoon = { total: 2, items: [brief(5, 12), brief(2, 3, { scope: { kind: 'package', assetId: null, value: 'libssh' }, assetName: '' })] };
    summary.lateChecklistItems = [late(4, 'pilot', '2026-11-20'), late(4, 'deploy', '2026-11-10')];
    summary.coverageGaps = { total: 1, items: [{ assetId: 8, assetName: 'win-0008', tier: 1, reason: 'never_collected', lastSuccessAt: null, staleSince: null, failure: null }] };

    const { items, more } = buildAttentionList(summary);
    expect(items.map((item) => item.key)).toEqual(['exception-1', 'exception-9', 'late-4-deploy', 'late-4-pilot', 'exception-2', 'exception-5']);
    expect(items.map((item) => item.kind)).toEqual(['exception-expired', 'exception-expired', 'checklist-late', 'checklist-late', 'exception-expiring', 'exception-expiring']);
    expect(more).toBe(0);

    expect(items[0]).toMatchObject({ title: 'host-1', detail: 'Whole asset · owner IT lead', when: '60 days ago', href: '#/exceptions', tone: 'danger' });
    expect(items[2]).toMatchObject({ title: 'Step deploy', detail: 'Baseline 4', when: '12 days late', href: '#/checklist/4' });
    expect(items[3]?.when).toBe('2 days late');
    expect(items[4]).toMatchObject({ title: 'libssh', detail: 'Package, every asset · owner IT lead', when: 'in 3 days', tone: 'warning' });
  });

  it('says today and tomorrow rather than zero days', () => {
    const summary = makeSummary();
    summary.exceptions.expired = { total: 1, items: [brief(3, 0, { status: 'expired' })] };
    summary.exceptions.expiringSoon = { total: 1, items: [brief(4, 1)] };
    summary.lateChecklistItems = [late(2, 'x', '2026-11-22')];
    const whens = buildAttentionList(summary).items.map((item) => item.when);
    expect(whens).toEqual(['today', '1 day late', 'tomorrow']);
  });

  it('counts what the summary left out of its capped lists', () => {
    const summary = makeSummary();
    summary.exceptions.expired = { total: 60, items: [brief(1, -3)] };
    expect(buildAttentionList(summary).more).toBe(59);
  });

  it('is empty for a quiet site', () => {
    expect(buildAttentionList(makeSummary())).toEqual({ items: [], more: 0 });
  });
});
