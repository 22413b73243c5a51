import { describe, expect, it } from 'vitest';
import { allowedFailures, budgetExhausted, describeFailureBudget, parseFailureBudget } from './failure-budget';

describe('the failure budget', () => {
  it('reads counts and percentages and refuses anything else, naming it', () => {
    expect(parseFailureBudget('3')).toEqual({ kind: 'count', count: 3 });
    expect(parseFailureBudget(' 10% ')).toEqual({ kind: 'percent', percent: 10 });
    expect(parseFailureBudget('2.5%')).toEqual({ kind: 'percent', percent: 2.5 });
    expect(() => parseFailureBudget('150%')).toThrow(/"150%" is over 100%/);
    expect(() => parseFailureBudget('-1')).toThrow(/"-1" is not a failure budget/);
    expect(() => parseFailureBudget('lots')).toThrow(/"lots" is not a failure budget/);
  });

  it('is spent across the whole rollout and stops once failures exceed it', () => {
    const budget = parseFailureBudget('10%');
    expect(allowedFailures(budget, 30)).toBe(3);
    expect(budgetExhausted(budget, 30, 3)).toBe(false);
    expect(budgetExhausted(budget, 30, 4)).toBe(true);
    expect(budgetExhausted(parseFailureBudget('0'), 30, 1)).toBe(true);
    // Unlike Ansible's per-batch rule, 100% never stops a rollout.
    expect(budgetExhausted(parseFailureBudget('100%'), 30, 30)).toBe(false);
  });

  it('says what it allows in words', () => {
    expect(describeFailureBudget(parseFailureBudget('10%'), 30)).toBe('10% (3 of 30 hosts)');
    expect(describeFailureBudget(parseFailureBudget('1'), 30)).toBe('1 host');
  });
});
