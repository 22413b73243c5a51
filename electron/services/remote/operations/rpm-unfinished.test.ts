import { describe, expect, it } from 'vitest';
import { parseRpmDuplicates } from './rpm-unfinished';

describe('parseRpmDuplicates', () => {
  it('finds nothing on a clean lab host (captured rpm -qa)', () => {
    expect(parseRpmDuplicates('bash\nlab-hello\nlab-conffile\nrpm\n')).toEqual([]);
  });

  it('names a package an interrupted transaction left twice, not kernels or keys kept side by side', () => {
    const stdout = ['lab-hello', 'kernel-core', 'kernel-core', 'kernel', 'kernel', 'gpg-pubkey', 'gpg-pubkey', 'lab-hello', 'kernel-default', 'kernel-default', 'openssl-libs', ''].join('\n');
    expect(parseRpmDuplicates(stdout)).toEqual(['lab-hello']);
  });
});
