import { describe, expect, it } from 'vitest';
import { dnfPlanProblem, parseDnfTransactionTable } from './dnf-preview';
import { parseDnfListVersions } from './dnf-available-versions';

// Captured in the package lab: `dnf --assumeno upgrade lab-hello-1.1-1 lab-postinst-fails-1.1-1` (exit 1).
const ASSUMENO = `Patchdesk lab                                   3.4 MB/s | 3.5 kB     00:00    
Dependencies resolved.
================================================================================
 Package                     Architecture    Version         Repository    Size
================================================================================
Upgrading:
 lab-hello                   noarch          1.1-1           lab          6.0 k
 lab-postinst-fails          noarch          1.1-1           lab          6.1 k
Removing dependent packages:
 old-plugin                  noarch          0.9-1           @System      2.0 k

Transaction Summary
================================================================================
Upgrade  2 Packages

Total size: 12 k
`;

describe('parseDnfTransactionTable', () => {
  it('reads what would be upgraded and removed, and stops at the summary', () => {
    expect(parseDnfTransactionTable(ASSUMENO)).toEqual([
      { name: 'lab-hello', to: '1.1-1', kind: 'upgrade' },
      { name: 'lab-postinst-fails', to: '1.1-1', kind: 'upgrade' },
      { name: 'old-plugin', to: '', kind: 'remove' },
    ]);
  });

  it('names why dnf cannot plan', () => {
    expect(dnfPlanProblem('No match for argument: lab-hello-9.9-1\nError: No packages marked for upgrade.')).toBe('lab-hello-9.9-1 is not available from the host\'s repositories');
    expect(dnfPlanProblem('Operation aborted.')).toBeNull();
  });
});

describe('parseDnfListVersions', () => {
  it('separates installed from downloadable versions (captured: list --showduplicates)', () => {
    const stdout = `Installed Packages
lab-hello.noarch                                1.1-1                       @lab
lab-postinst-fails.noarch                       1.1-1                       @lab
Available Packages
lab-hello.noarch                                1.0-1                       lab 
lab-hello.noarch                                1.1-1                       lab 
lab-postinst-fails.noarch                       1.1-1                       lab 
`;
    const versions = parseDnfListVersions(stdout);
    expect(versions.get('lab-hello')).toEqual({ installed: ['1.1-1'], available: ['1.0-1', '1.1-1'] });
    expect(versions.get('lab-postinst-fails')?.available).toEqual(['1.1-1']);
  });
});
