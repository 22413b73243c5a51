import { describe, expect, it } from 'vitest';
import { familyFor, fullUpgradeProblem } from './package-family';

const pending = { changes: [{ name: 'lab-hello', from: '1.0-1', to: '1.1-1', kind: 'upgrade' as const, requested: true }, { name: 'lab-conffile', from: '1.0-1', to: '1.1-1', kind: 'upgrade' as const, requested: false }], removals: [] };

describe('fullUpgradeProblem', () => {
  it('accepts a plan that is exactly the pending set, pinned or not', () => {
    expect(fullUpgradeProblem([{ name: 'lab-hello' }, { name: 'lab-conffile', version: '1.1-1' }], pending)).toBeNull();
  });

  it('refuses a subset, a moved version and a package that is not pending, naming each', () => {
    expect(fullUpgradeProblem([{ name: 'lab-hello', version: '1.2-1' }, { name: 'lab-gone' }], pending)).toBe(
      "full upgrades only (partial upgrades are unsupported on Arch), and this plan is not the host's pending set: lab-hello would go to 1.1-1, not the pinned 1.2-1; lab-conffile 1.1-1 is pending but not in the plan; lab-gone is in the plan but not pending",
    );
  });
});

describe('familyFor', () => {
  it('offers every family of the table (yum hosts as dnf, Windows Update hosts as windows) and nothing else', () => {
    expect(['apt', 'dpkg', 'dnf', 'yum', 'zypper', 'pacman', 'windows-update', 'firmware'].map((manager) => familyFor(manager)?.family ?? null)).toEqual(['apt', 'apt', 'dnf', 'dnf', 'zypper', 'pacman', 'windows', null]);
  });

  it('gives Windows its own boot identity and reboot, and marks its updates present or absent', () => {
    const windows = familyFor('windows-update');
    expect([typeof windows?.bootId, typeof windows?.reboot, windows?.presence]).toEqual(['function', 'function', true]);
    expect([typeof familyFor('apt')?.bootId, familyFor('apt')?.presence]).toEqual(['undefined', undefined]);
  });
});
