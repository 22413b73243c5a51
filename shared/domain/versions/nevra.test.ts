import { describe, expect, it } from 'vitest';
import { parseNevra } from './nevra';

describe('parseNevra', () => {
  it('parses from the right', () => {
    expect(parseNevra('kernel-5.14.0-284.11.1.el9_2.x86_64')).toEqual({ name: 'kernel', epoch: 0, version: '5.14.0', release: '284.11.1.el9_2', arch: 'x86_64' });
    expect(parseNevra('NetworkManager-libnm-1:1.40.16-19.el8_10.x86_64')).toEqual({ name: 'NetworkManager-libnm', epoch: 1, version: '1.40.16', release: '19.el8_10', arch: 'x86_64' });
    expect(parseNevra('python3.11-libs-3.11.5-1.el9_3.noarch')).toEqual({ name: 'python3.11-libs', epoch: 0, version: '3.11.5', release: '1.el9_3', arch: 'noarch' });
    expect(parseNevra('vim-filesystem-2:8.2.2637-20.el9_1.noarch')?.epoch).toBe(2);
  });

  it('accepts the old epoch-first form, NEVR without arch and src.rpm names', () => {
    expect(parseNevra('2:vim-enhanced-8.2.2637-20.el9_1.x86_64')).toEqual({ name: 'vim-enhanced', epoch: 2, version: '8.2.2637', release: '20.el9_1', arch: 'x86_64' });
    expect(parseNevra('bash-5.1.8-6.el9_1')).toEqual({ name: 'bash', epoch: 0, version: '5.1.8', release: '6.el9_1' });
    expect(parseNevra('vim-8.2.2637-20.el9_1.src.rpm')).toEqual({ name: 'vim', epoch: 0, version: '8.2.2637', release: '20.el9_1', arch: 'src' });
  });

  it('rejects text that is not a NEVRA', () => {
    expect(parseNevra('')).toBeNull();
    expect(parseNevra('kernel')).toBeNull();
    expect(parseNevra('kernel-5.14.x86_64')).toBeNull();
    expect(parseNevra('a b-1-1.x86_64')).toBeNull();
  });
});
