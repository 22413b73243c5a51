import { describe, expect, it } from 'vitest';
import type { PendingSla } from '../../../../shared/contract';
import { clockStart, oldestSecurityNote, slaBadge, slaSortKey } from './sla-labels';

const sla = (patch: Partial<PendingSla>): PendingSla => ({ state: 'within', dueDate: '2026-12-01', overdueDays: 0, remainingDays: 9, severity: 'high', tier: 2, tierDefaulted: false, exceptionId: null, ...patch });
const day = (value: string) => `<${value}>`;

describe('slaBadge', () => {
  it('shows an overdue fix in danger with its days past due', () => {
    expect(slaBadge(sla({ state: 'overdue', dueDate: '2025-12-16', overdueDays: 341, remainingDays: 0, severity: 'critical', tier: 4 }), day)).toEqual({
      tone: 'danger',
      text: 'Overdue 341 days',
      title: 'Was due <2025-12-16>: 341 days past its SLA. Critical severity, Tier 4.',
      href: null,
    });
    expect(slaBadge(sla({ state: 'overdue', overdueDays: 1 }), day).text).toBe('Overdue 1 day');
  });

  it('warns when the due day is near', () => {
    expect(slaBadge(sla({ state: 'due_soon', remainingDays: 0 }), day)).toMatchObject({ tone: 'warning', text: 'Due today' });
    expect(slaBadge(sla({ state: 'due_soon', remainingDays: 1 }), day).text).toBe('Due tomorrow');
    expect(slaBadge(sla({ state: 'due_soon', remainingDays: 3 }), day).text).toBe('Due in 3 days');
  });

  it('shows the due day of a fix within its SLA, quietly', () => {
    expect(slaBadge(sla({ tierDefaulted: true }), day)).toEqual({
      tone: 'neutral',
      text: 'Due <2026-12-01>',
      title: 'Within SLA: due <2026-12-01> (9 days left). High severity, Tier 2 (unclassified asset, held to the default tier).',
      href: null,
    });
  });

  it('links an excepted fix to the exception register', () => {
    expect(slaBadge(sla({ state: 'excepted', exceptionId: 7 }), day)).toMatchObject({ tone: 'info', text: 'Excepted', href: '#/exceptions' });
    expect(slaBadge(sla({ state: 'excepted', exceptionId: 7 }), day).title).toContain('exception #7');
  });
});

describe('slaSortKey', () => {
  it('orders longest overdue, then soonest due, then excepted, then none', () => {
    const keys = [sla({ state: 'within', remainingDays: 20 }), sla({ state: 'excepted' }), undefined, sla({ state: 'overdue', overdueDays: 3 }), sla({ state: 'due_soon', remainingDays: 1 }), sla({ state: 'overdue', overdueDays: 40 })];
    const sorted = [...keys].sort((a, b) => slaSortKey(a) - slaSortKey(b));
    expect(sorted.map((entry) => (entry ? `${entry.state}:${entry.overdueDays || entry.remainingDays}` : 'none'))).toEqual(['overdue:40', 'overdue:3', 'due_soon:1', 'within:20', 'excepted:9', 'none']);
  });
});

describe('clockStart', () => {
  it('says where the clock started and on what basis', () => {
    expect(clockStart(sla({ clockBasis: 'published', clockStartDate: '2026-10-03' }))?.text).toBe('published 2026-10-03');
    expect(clockStart(sla({ clockBasis: 'first_seen', clockStartDate: '2026-11-20' }))?.text).toBe('first seen 2026-11-20');
    expect(clockStart(sla({ clockBasis: 'repository_date', clockStartDate: '2026-10-03' }))?.note).toMatch(/repository index/);
    expect(clockStart(sla({}))).toBeNull();
    expect(clockStart(undefined)).toBeNull();
  });

  it('names the start in the SLA badge tooltip', () => {
    expect(slaBadge(sla({ state: 'overdue', overdueDays: 3, remainingDays: 0, clockBasis: 'published', clockStartDate: '2026-10-03' }), day).title).toBe('Was due <2026-12-01>: 3 days past its SLA. High severity, Tier 2; clock from published 2026-10-03.');
  });
});

describe('oldestSecurityNote', () => {
  it('names the fix and its clock start in the site zone, as the dashboard and the PDF do', () => {
    // 23:30 UTC on 31 Aug is already 1 Sep in Berlin.
    expect(oldestSecurityNote({ updateName: 'openssl', clockStartAt: '2026-08-31T23:30:00.000Z', clockBasis: 'published', ageDays: 61 }, 'Europe/Berlin')).toBe('openssl, since 2026-09-01 (published)');
    expect(oldestSecurityNote({ updateName: 'curl', clockStartAt: '2026-10-01T08:00:00.000Z', clockBasis: 'first_seen', ageDays: 31 }, 'Europe/Berlin')).toBe('curl, since 2026-10-01 (first seen)');
    expect(oldestSecurityNote(null, 'Europe/Berlin')).toBeNull();
  });
});
