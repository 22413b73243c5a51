import { describe, expect, it } from 'vitest';
import { distributionReleaseOf } from './distribution';

describe('distributionReleaseOf', () => {
  it('names Debian releases by codename, from the pretty name or the version', () => {
    expect(distributionReleaseOf({ id: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' })?.release).toBe('bookworm');
    expect(distributionReleaseOf({ id: 'debian', version: '11', name: 'Debian GNU/Linux' })?.release).toBe('bullseye');
    expect(distributionReleaseOf({ id: 'debian', version: '', name: 'Debian GNU/Linux trixie/sid' })).toBeNull();
  });

  it('gives the family of other distributions and null for what it does not know', () => {
    expect(distributionReleaseOf({ id: 'ubuntu', version: '22.04', name: 'Ubuntu 22.04.4 LTS' })).toMatchObject({ family: 'dpkg', release: 'jammy' });
    expect(distributionReleaseOf({ id: 'rocky', version: '9.3', name: 'Rocky Linux 9.3' })).toMatchObject({ family: 'rpm', release: '9' });
    expect(distributionReleaseOf({ id: 'windows', version: '10.0', name: 'Windows Server 2022' })).toBeNull();
  });
});
