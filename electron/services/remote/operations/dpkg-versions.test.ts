import { describe, expect, it } from 'vitest';
import { parseDpkgStates } from './dpkg-versions';

describe('parseDpkgStates', () => {
  it('reads versions and states, dropping packages that are only config-remaining', () => {
    const states = parseDpkgStates('db-01', 'lab-hello\t1.1\tii \nlab-postinst-fails\t1.1\tiF \nlibssl3:amd64\t3.0.15\tii \nold-thing\t\trc \n');
    expect([...states.keys()]).toEqual(['lab-hello', 'lab-postinst-fails', 'libssl3']);
    expect(states.get('lab-postinst-fails')).toEqual({ version: '1.1', status: 'iF ', configured: false });
    expect(states.get('lab-hello')?.configured).toBe(true);
  });

  it('fails closed on output that is not dpkg-query lines', () => {
    expect(() => parseDpkgStates('db-01', 'lab-hello 1.1 ii\n')).toThrow(/cannot read on db-01/);
    expect(() => parseDpkgStates('db-01', '\u0000\u0001garbage\tx\ty\n')).toThrow(/cannot read/);
  });
});
