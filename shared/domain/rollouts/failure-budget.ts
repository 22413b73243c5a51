/**
 * The failure budget of a whole rollout, counted across rings (AWS SSM's MaxErrors semantics, not
 * Ansible's per-batch percentage): a count, or a percentage of the hosts the rollout targets.
 * The rollout stops starting hosts once failures exceed the budget; a budget of 0 stops at the
 * first failure. Unreachable and blocked hosts are not attempted, so they never spend it.
 */

/** A budget as the admin gives it: `3` or `10%`. */
export type FailureBudget = { kind: 'count'; count: number } | { kind: 'percent'; percent: number };

/**
 * Reads `N` or `P%` (whole or decimal percent, 0 to 100).
 *
 * @throws RangeError naming the text when it is neither.
 */
export function parseFailureBudget(text: string): FailureBudget {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(trimmed);
  if (percent) {
    const value = Number(percent[1]);
    if (value > 100) throw new RangeError(`a failure budget of "${text}" is over 100%`);
    return { kind: 'percent', percent: value };
  }
  if (/^\d+$/.test(trimmed)) return { kind: 'count', count: Number(trimmed) };
  throw new RangeError(`"${text}" is not a failure budget: give a number of hosts (3) or a percentage (10%)`);
}

/** How many failures the budget allows for a rollout of `totalHosts` (a percentage rounds down). */
export function allowedFailures(budget: FailureBudget, totalHosts: number): number {
  return budget.kind === 'count' ? budget.count : Math.floor((budget.percent / 100) * totalHosts);
}

/** Whether `failures` have exceeded the budget, so no further host may start. */
export function budgetExhausted(budget: FailureBudget, totalHosts: number, failures: number): boolean {
  return failures > allowedFailures(budget, totalHosts);
}

/** The budget as people say it: "2 hosts", "10% (3 of 30 hosts)". */
export function describeFailureBudget(budget: FailureBudget, totalHosts: number): string {
  const allowed = allowedFailures(budget, totalHosts);
  const hosts = (n: number) => `${n} host${n === 1 ? '' : 's'}`;
  return budget.kind === 'count' ? hosts(allowed) : `${budget.percent}% (${allowed} of ${hosts(totalHosts)})`;
}
