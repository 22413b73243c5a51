import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import { kevOutcomeNotMeasured, kevOutcomeOf, kevOutcomeOfDates } from './kev-outcome';
import { SlaEngine, type FixRecord } from './sla-engine';

const FIX: FixRecord = { id: 1, assetId: 1, name: 'openssl', firstSeenAt: '2026-11-02T09:00:00.000Z', resolvedAt: null, security: true, severity: 'low', cves: ['CVE-2026-1111'], advisories: [], kev: { dateAdded: '2026-11-03', dueDate: '2026-11-24' } };

describe('KEV SLA outcome', () => {
  it('judges from three local dates', () => {
    expect(kevOutcomeOfDates('2026-11-10', '2026-11-10', '2026-12-01')).toMatchObject({ outcome: 'met', days: 0 });
    expect(kevOutcomeOfDates('2026-11-10', '2026-11-13', '2026-12-01')).toMatchObject({ outcome: 'missed', days: 3 });
    expect(kevOutcomeOfDates('2026-11-10', null, '2026-11-10')).toMatchObject({ outcome: 'open', days: 0 });
    expect(kevOutcomeOfDates('2026-11-10', null, '2026-11-12')).toMatchObject({ outcome: 'overdue', days: 2 });
    expect(kevOutcomeNotMeasured('no fix yet')).toEqual({ outcome: 'not_measured', dueDate: null, deadlineRule: null, fixedOn: null, days: null, reason: 'no fix yet' });
    expect(() => kevOutcomeOfDates('soon', null, '2026-11-12')).toThrow(/not a calendar date/);
  });

  it('takes the due date from the SLA engine, KEV rules included, in the site zone', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'Europe/Berlin', []);
    // Internet-facing: 7 days from KEV's date added (2026-11-03) = 2026-11-10.
    const fixedLate = engine.prepare({ ...FIX, resolvedAt: '2026-11-10T23:30:00.000Z' }, 3, { internetFacing: true });
    expect(kevOutcomeOf(engine, fixedLate, Date.parse('2026-12-01T00:00:00Z'))).toEqual({ outcome: 'missed', dueDate: '2026-11-10', deadlineRule: 'kev_days', fixedOn: '2026-11-11', days: 1, reason: null });
    const fixedInTime = engine.prepare({ ...FIX, resolvedAt: '2026-11-10T22:30:00.000Z' }, 3, { internetFacing: true });
    expect(kevOutcomeOf(engine, fixedInTime, Date.parse('2026-12-01T00:00:00Z'))).toMatchObject({ outcome: 'met', fixedOn: '2026-11-10' });
    const internal = engine.prepare(FIX, 3, { internetFacing: false });
    expect(kevOutcomeOf(engine, internal, Date.parse('2026-11-20T12:00:00Z'))).toMatchObject({ outcome: 'open', dueDate: '2026-11-24', deadlineRule: 'kev_cisa_due', days: 4 });
  });
});
