import { describe, expect, it } from 'vitest';
import { checklistNextStep, checklistRailStatus, highlightedItemKey } from './checklist-next-step';
import { checklistItem, cycleSummary, emergencySummary } from './cycle-fixtures.test-helper';

const TODAY = '2026-11-22';
const progress = (done: number, pending: number, late = 0) => ({ total: done + pending, done, notApplicable: 0, pending, late, percent: 0 });

describe('checklist next step', () => {
  it('asks to open this month’s baseline when it does not exist', () => {
    const step = checklistNextStep({ cycles: [], today: TODAY, anchorDate: '2026-11-10', locale: 'en-GB' });
    expect(step).toMatchObject({ kind: 'open-baseline', actionLabel: 'Open the November 2026 cycle', month: '2026-11', tone: 'default' });
    expect(step.text).toBe('The November 2026 baseline cycle is not open yet. Its anchor day is Tue 2026-11-10.');
  });

  it('puts an emergency past its deadline first, as a warning', () => {
    const overdue = emergencySummary({ id: 7, overdue: true, progress: progress(2, 3) });
    const step = checklistNextStep({ cycles: [overdue], today: TODAY });
    expect(step).toMatchObject({ kind: 'overdue-emergency', tone: 'warning', cycleId: 7, actionLabel: 'Open it' });
    expect(step.text).toBe('Emergency: CVE-2026-1234 is past its deadline with 3 items still pending.');
  });

  it('points at late items once the baseline is open', () => {
    const november = cycleSummary({ id: 3, progress: progress(2, 6, 2) });
    const step = checklistNextStep({ cycles: [november], today: TODAY, locale: 'en-GB' });
    expect(step).toMatchObject({ kind: 'late', tone: 'warning', cycleId: 3 });
    expect(step.text).toBe('2 checklist items are late in November 2026.');
    const emergency = emergencySummary({ id: 4, progress: progress(0, 5, 1) });
    expect(checklistNextStep({ cycles: [november, emergency], today: TODAY, locale: 'en-GB' }).text).toBe('3 checklist items are late across open cycles, 2 in November 2026.');
  });

  it('names the next item due when nothing is late', () => {
    const november = cycleSummary({ id: 3, progress: progress(5, 3), nextDue: { key: 'compliance-report', title: 'Compliance report produced', dueDate: '2026-11-25' } });
    const emergency = emergencySummary({ id: 4, nextDue: { key: 'deploy', title: 'Fix deployed', dueDate: '2026-11-23' } });
    expect(checklistNextStep({ cycles: [november], today: TODAY, locale: 'en-GB' })).toMatchObject({ kind: 'next-item', cycleId: 3, text: 'Next in November 2026: “Compliance report produced”, due in 3 days.' });
    expect(checklistNextStep({ cycles: [november, emergency], today: TODAY }).text).toBe('Next in Emergency: CVE-2026-1234: “Fix deployed”, due tomorrow.');
  });

  it('proposes closing a finished cycle, then rests', () => {
    const finished = cycleSummary({ id: 3, progress: progress(8, 0), nextDue: null });
    expect(checklistNextStep({ cycles: [finished], today: TODAY })).toMatchObject({ kind: 'close', cycleId: 3, actionLabel: 'Review and close' });
    const closed = cycleSummary({ id: 3, status: 'closed', progress: progress(8, 0), nextDue: null });
    const idle = checklistNextStep({ cycles: [closed], today: TODAY, nextAnchorDate: '2026-12-08', locale: 'en-GB' });
    expect(idle).toMatchObject({ kind: 'idle' });
    expect(idle.actionLabel).toBeUndefined();
    expect(idle.text).toBe('The November 2026 cycle is closed. The next anchor day is Tue 2026-12-08.');
  });
});

describe('rail status', () => {
  it('says where this month stands in a few words', () => {
    expect(checklistRailStatus([], TODAY, 'en-GB')).toBe('November 2026 not opened');
    expect(checklistRailStatus([cycleSummary({ progress: progress(3, 5) })], TODAY, 'en-GB')).toBe('November 2026: 3/8 done');
    expect(checklistRailStatus([cycleSummary({ progress: progress(3, 5, 1) })], TODAY, 'en-GB')).toBe('1 item late');
    expect(checklistRailStatus([cycleSummary({ status: 'closed', progress: progress(8, 0) })], TODAY, 'en-GB')).toBe('November 2026 closed');
  });
});

describe('highlighted item', () => {
  const items = [checklistItem({ key: 'a', position: 0, state: 'done' }), checklistItem({ key: 'b', position: 1 }), checklistItem({ key: 'c', position: 2 })];
  it('follows the host’s next due item', () => {
    expect(highlightedItemKey({ status: 'open', nextDue: { key: 'c', title: 'C', dueDate: '2026-11-20' } }, items)).toBe('c');
  });
  it('falls back to the first pending item, and highlights nothing when closed or finished', () => {
    expect(highlightedItemKey({ status: 'open', nextDue: null }, items)).toBe('b');
    expect(highlightedItemKey({ status: 'closed', nextDue: null }, items)).toBeNull();
    expect(highlightedItemKey({ status: 'open', nextDue: null }, [checklistItem({ state: 'done' })])).toBeNull();
  });
});
