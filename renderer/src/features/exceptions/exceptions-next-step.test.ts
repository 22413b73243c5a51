import { describe, expect, it } from 'vitest';
import { countExceptions } from './exception-list-model';
import { exceptionsNextStep, exceptionsRailStatus } from './exceptions-next-step';

const counts = (statuses: Parameters<typeof countExceptions>[0][number]['status'][]) => countExceptions(statuses.map((status) => ({ status })));

describe('exceptionsNextStep', () => {
  it('puts expired entries first, as a warning', () => {
    const next = exceptionsNextStep(counts(['expired', 'expired', 'expiring_soon', 'active']));
    expect(next).toMatchObject({ kind: 'expired', tone: 'warning' });
    expect(next.text).toMatch(/^2 exceptions expired\. Their fixes count as SLA breaches again/);
    expect(exceptionsNextStep(counts(['expired'])).text).toMatch(/^1 exception expired\. Its fixes/);
  });

  it('then the ones expiring soon', () => {
    expect(exceptionsNextStep(counts(['expiring_soon', 'active']))).toMatchObject({ kind: 'expiring', tone: 'default', text: expect.stringMatching(/^1 exception expires within 14 days/) });
  });

  it('explains the register when nothing is open', () => {
    expect(exceptionsNextStep(counts([])).kind).toBe('add');
    expect(exceptionsNextStep(counts(['closed', 'renewed'])).kind).toBe('add');
  });

  it('reports a healthy register', () => {
    expect(exceptionsNextStep(counts(['active', 'scheduled', 'closed']))).toMatchObject({ kind: 'review', text: expect.stringMatching(/^2 exceptions in force/) });
  });
});

describe('exceptionsRailStatus', () => {
  it('says the most pressing thing', () => {
    expect(exceptionsRailStatus([{ status: 'expired' }, { status: 'expiring_soon' }])).toBe('1 exception expired');
    expect(exceptionsRailStatus([{ status: 'expiring_soon' }, { status: 'active' }])).toBe('1 exception expiring soon');
    expect(exceptionsRailStatus([{ status: 'active' }, { status: 'scheduled' }, { status: 'closed' }])).toBe('2 exceptions in force');
    expect(exceptionsRailStatus([{ status: 'renewed' }])).toBe('None in force');
    expect(exceptionsRailStatus([])).toBe('None recorded');
  });
});
