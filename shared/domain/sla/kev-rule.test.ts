import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import { calendarDayNumber, DEFAULT_KEV_RULES, describeKevRules, kevDueDay, kevRuleFor, kevRuleProblems } from './kev-rule';
import { SlaEngine, type FixRecord } from './sla-engine';

const BASE: FixRecord = { id: 1, assetId: 1, name: 'openssl', firstSeenAt: '2026-11-02T09:00:00.000Z', resolvedAt: null, security: true, severity: 'low', cves: ['CVE-2026-1111'], advisories: [] };

describe('KEV rules', () => {
  it('picks the first matching rule', () => {
    expect(kevRuleFor(DEFAULT_KEV_RULES, true)?.appliesTo).toBe('internet_facing');
    expect(kevRuleFor(DEFAULT_KEV_RULES, false)?.appliesTo).toBe('all');
    expect(kevRuleFor([{ appliesTo: 'internet_facing', days: 7, cisaDueDate: true }], false)).toBeNull();
  });

  it('takes the earlier of the day count and CISA due date, counting from the later of clock start and date added', () => {
    const rule = { appliesTo: 'all' as const, days: 7, cisaDueDate: true };
    const start = calendarDayNumber('2026-11-02');
    expect(kevDueDay(rule, { dateAdded: '2026-11-05', dueDate: '2026-11-26' }, start)).toEqual({ dueDay: calendarDayNumber('2026-11-12'), rule: 'kev_days' });
    expect(kevDueDay(rule, { dateAdded: '2026-10-01', dueDate: '2026-11-04' }, start)).toEqual({ dueDay: calendarDayNumber('2026-11-04'), rule: 'kev_cisa_due' });
    expect(kevDueDay(rule, { dateAdded: 'soon', dueDate: 'never' }, start)).toBeNull();
    expect(calendarDayNumber('2026-02-30')).toBeNaN();
  });

  it('shortens the deadline of a KEV fix on an internet-facing asset to 7 days from date added', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const fix = engine.prepare({ ...BASE, kev: { dateAdded: '2026-11-03', dueDate: '2026-11-24' } }, 3, { internetFacing: true });
    expect(fix.dueDate).toBe('2026-11-10');
    expect(fix.deadlineRule).toBe('kev_days');
    expect(fix.slaDays).toBe(8);
    expect(engine.standing(fix, Date.parse('2026-11-11T00:00:00Z')).state).toBe('overdue');
  });

  it('holds other assets to CISA due date, and never lengthens a deadline', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const internal = engine.prepare({ ...BASE, kev: { dateAdded: '2026-11-03', dueDate: '2026-11-24' } }, 3, { internetFacing: false });
    expect([internal.dueDate, internal.deadlineRule]).toEqual(['2026-11-24', 'kev_cisa_due']);
    const critical = engine.prepare({ ...BASE, severity: 'critical', kev: { dateAdded: '2026-11-03', dueDate: '2026-11-24' } }, 1, { internetFacing: false });
    expect([critical.dueDate, critical.deadlineRule]).toEqual(['2026-11-09', 'policy']);
  });

  it('leaves fixes without a KEV entry exactly as before', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'Europe/Berlin', []);
    const plain = engine.prepare(BASE, 1);
    const exposed = engine.prepare({ ...BASE, kev: null }, 1, { internetFacing: true });
    expect(exposed).toEqual({ ...plain, record: exposed.record });
    expect(plain.deadlineRule).toBe('policy');
    expect(plain.dueDate).toBe('2027-01-01');
  });

  it('is overdue from first sight when CISA due date passed before the clock started', () => {
    const engine = new SlaEngine({ ...DEFAULT_PATCH_POLICY, fixAgeBasis: 'first_seen' }, 'UTC', []);
    const fix = engine.prepare({ ...BASE, kev: { dateAdded: '2022-08-18', dueDate: '2022-09-08' } }, 2, { internetFacing: false });
    expect([fix.dueDate, fix.slaDays]).toEqual(['2022-09-08', 0]);
    expect(engine.standing(fix, Date.parse(BASE.firstSeenAt)).state).toBe('overdue');
    expect(engine.breachIntervals(fix, 0, Date.parse('2026-11-03T00:00:00Z'))).toEqual([{ from: Date.parse(BASE.firstSeenAt), to: Date.parse('2026-11-03T00:00:00Z') }]);
  });

  it('applies a site policy without KEV rules as no shortening', () => {
    const engine = new SlaEngine({ ...DEFAULT_PATCH_POLICY, kevRules: [] }, 'UTC', []);
    expect(engine.prepare({ ...BASE, kev: { dateAdded: '2026-11-03', dueDate: '2026-11-24' } }, 3, { internetFacing: true }).deadlineRule).toBe('policy');
  });
});

describe('KEV rule checks and words', () => {
  it('names the field of each problem', () => {
    expect(kevRuleProblems(DEFAULT_KEV_RULES)).toEqual([]);
    expect(kevRuleProblems([])).toEqual([]);
    expect(kevRuleProblems([{ appliesTo: 'all', days: null, cisaDueDate: false }])).toEqual([{ path: ['kevRules', 0, 'cisaDueDate'], message: expect.stringContaining('sets no deadline') }]);
    expect(kevRuleProblems([{ appliesTo: 'all', days: 400, cisaDueDate: true }])[0]?.path).toEqual(['kevRules', 0, 'days']);
    expect(kevRuleProblems([{ appliesTo: 'all', days: 7, cisaDueDate: true }, { appliesTo: 'internet_facing', days: 1, cisaDueDate: true }])[0]).toMatchObject({ path: ['kevRules', 1, 'appliesTo'], message: expect.stringContaining('put it first') });
    expect(kevRuleProblems([{ appliesTo: 'all', days: 7, cisaDueDate: true }, { appliesTo: 'all', days: 1, cisaDueDate: true }])[0]?.message).toContain('given twice');
  });

  it('says the rules in words', () => {
    expect(describeKevRules(DEFAULT_KEV_RULES)).toEqual([
      "Internet-facing assets: within 7 days of the later of its SLA clock start and its KEV listing, or by CISA's due date if that comes first.",
      "Every other asset: by CISA's due date.",
    ]);
    expect(describeKevRules([{ appliesTo: 'internet_facing', days: 1, cisaDueDate: false }])).toEqual(['Internet-facing assets: within 1 day of the later of its SLA clock start and its KEV listing.', 'Other assets: no KEV rule (tier/severity deadline).']);
    expect(describeKevRules([])[0]).toContain('No KEV rule');
  });
});
