import { describe, expect, it } from 'vitest';
import { formatLocalDate } from '../sla/local-time';
import { baselineDueDates, DEFAULT_BASELINE_TEMPLATE, DEFAULT_EMERGENCY_TEMPLATE, emergencyDueDates, templateProblems, type ChecklistTemplateItem } from './checklist-template';

const item = (key: string, extra: Partial<ChecklistTemplateItem> = {}): ChecklistTemplateItem => ({ key, title: key, description: '', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 0, ...extra });

describe('checklist templates', () => {
  it('follows the monthly practice in order, from the day before the anchor to two weeks after', () => {
    const dated = baselineDueDates(DEFAULT_BASELINE_TEMPLATE, { year: 2026, month: 12, day: 8 });
    expect(dated.map((each) => [each.key, formatLocalDate(each.dueDate)])).toEqual([
      ['inventory-refresh', '2026-12-07'],
      ['review-approve', '2026-12-08'],
      ['test-ring', '2026-12-09'],
      ['pilot-ring', '2026-12-11'],
      ['broad-deployment', '2026-12-15'],
      ['verification-rescan', '2026-12-16'],
      ['compliance-report', '2026-12-18'],
      ['weekly-review', '2026-12-22'],
    ]);
    expect(templateProblems(DEFAULT_BASELINE_TEMPLATE, 'baseline')).toEqual([]);
    expect(templateProblems(DEFAULT_EMERGENCY_TEMPLATE, 'emergency')).toEqual([]);
  });

  it('derives emergency due days from the deadline, never before the opening day nor after the deadline for early steps', () => {
    const roomy = emergencyDueDates(DEFAULT_EMERGENCY_TEMPLATE, { year: 2026, month: 11, day: 2 }, { year: 2026, month: 11, day: 9 });
    expect(roomy.map((each) => formatLocalDate(each.dueDate))).toEqual(['2026-11-02', '2026-11-03', '2026-11-09', '2026-11-09', '2026-11-11']);
    const tight = emergencyDueDates(DEFAULT_EMERGENCY_TEMPLATE, { year: 2026, month: 12, day: 31 }, { year: 2026, month: 12, day: 31 });
    expect(tight.map((each) => formatLocalDate(each.dueDate))).toEqual(['2026-12-31', '2026-12-31', '2026-12-31', '2026-12-31', '2027-01-02']);
    const early = emergencyDueDates([item('prep', { dueFrom: 'deadline', dueOffsetDays: -5 })], { year: 2026, month: 11, day: 2 }, { year: 2026, month: 11, day: 4 });
    expect(formatLocalDate(early[0]!.dueDate)).toBe('2026-11-02');
  });

  it('names every problem with an edited template and where it is', () => {
    const problems = templateProblems([item('a'), item('a'), item('Bad Key'), item('x', { title: ' ' }), item('y', { dueOffsetDays: 90 }), item('z', { dueFrom: 'deadline' }), item('r1', { kind: 'rescan' }), item('r2', { kind: 'rescan' })], 'baseline');
    expect(problems).toEqual([
      { path: 'items.1.key', message: 'the key "a" is used twice' },
      { path: 'items.2.key', message: expect.stringContaining('"Bad Key" is not a key') },
      { path: 'items.3.title', message: 'an item needs a title' },
      { path: 'items.4.dueOffsetDays', message: expect.stringContaining('-62 to 62') },
      { path: 'items.5.dueFrom', message: expect.stringContaining('no deadline') },
      { path: 'items.7.kind', message: 'only one item may be of kind "rescan"' },
    ]);
    expect(templateProblems([], 'emergency')).toEqual([{ path: 'items', message: 'a checklist needs at least one item' }]);
    expect(templateProblems([item('z', { dueFrom: 'deadline' })], 'emergency')).toEqual([]);
  });
});
