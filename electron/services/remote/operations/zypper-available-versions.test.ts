import { describe, expect, it } from 'vitest';
import { parseZypperSearchVersions, zypperSearchVersionsCommand } from './zypper-available-versions';

// Captured on the lab's zypper host (lab-zypper-2) before any upgrade.
const LAB = `Loading repository data...
Reading installed packages...

S  | Name         | Type    | Version | Arch   | Repository
---+--------------+---------+---------+--------+--------------
v  | lab-conffile | package | 1.1-1   | noarch | Patchdesk lab
i+ | lab-conffile | package | 1.0-1   | noarch | Patchdesk lab
v  | lab-hello    | package | 1.1-1   | noarch | Patchdesk lab
i+ | lab-hello    | package | 1.0-1   | noarch | Patchdesk lab
`;

describe('parseZypperSearchVersions', () => {
  it('reads installed and available versions per package', () => {
    expect(parseZypperSearchVersions(LAB)).toEqual(
      new Map([
        ['lab-conffile', { installed: ['1.0-1'], available: ['1.1-1', '1.0-1'] }],
        ['lab-hello', { installed: ['1.0-1'], available: ['1.1-1', '1.0-1'] }],
      ]),
    );
  });

  it('does not count a version only the rpm database has as available', () => {
    const stdout = 'S  | Name      | Type    | Version | Arch   | Repository\n---+-----------+---------+---------+--------+------------------\ni+ | lab-hello | package | 1.0-1   | noarch | (System Packages)\n';
    expect(parseZypperSearchVersions(stdout).get('lab-hello')).toEqual({ installed: ['1.0-1'], available: [] });
  });

  it('refuses a name that could carry shell syntax', () => {
    expect(() => zypperSearchVersionsCommand(['a;rm'])).toThrow(/not a valid package name/);
  });
});
