import { describe, expect, it } from 'vitest';
import { parseDnfListVersions } from './dnf-available-versions';
import { versionSourcesFromListing } from './version-sources';

// Captured on the lab's dnf host (lab-dnf-1): `dnf -q list --showduplicates lab-hello lab-conffile`.
const DNF_LAB = `Installed Packages
lab-conffile.noarch                          1.0-1                          @lab
lab-hello.noarch                             1.0-1                          @lab
Available Packages
lab-conffile.noarch                          1.0-1                          lab 
lab-conffile.noarch                          1.1-1                          lab 
lab-hello.noarch                             1.0-1                          lab 
lab-hello.noarch                             1.1-1                          lab 
`;

describe('versionSourcesFromListing', () => {
  it('says a rollback version is in the repository when dnf lists it as available', () => {
    const sources = versionSourcesFromListing([{ name: 'lab-hello', version: '1.0-1' }, { name: 'lab-hello', version: '0.9-1' }, { name: 'lab-gone', version: '1.0-1' }], parseDnfListVersions(DNF_LAB));
    expect(sources).toEqual(new Map([['lab-hello=1.0-1', 'repository'], ['lab-hello=0.9-1', 'none'], ['lab-gone=1.0-1', 'none']]));
  });

  it('does not count a version that is only installed', () => {
    const listing = parseDnfListVersions('Installed Packages\nlab-hello.noarch   1.0-1   @lab\nAvailable Packages\nlab-hello.noarch   1.1-1   lab\n');
    expect(versionSourcesFromListing([{ name: 'lab-hello', version: '1.0-1' }], listing).get('lab-hello=1.0-1')).toBe('none');
  });
});
