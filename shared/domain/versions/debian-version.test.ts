import { describe, expect, it } from 'vitest';
import { compareDebianVersions, parseDebianVersion } from './debian-version';

// Each expectation was confirmed with `dpkg --compare-versions` (dpkg 1.21.22).
const PAIRS: Array<[string, string, -1 | 0 | 1]> = [
  ['1.0~rc1', '1.0', -1],
  ['1:1.0', '2.0', 1],
  ['1.0-1', '1.0-1ubuntu1', -1],
  ['1.0', '1.0-0', 0],
  ['1.0~~', '1.0~', -1],
  ['1.0~', '1.0', -1],
  ['1.0a', '1.0+', -1],
  ['1.0a', '1.0.1', -1],
  ['2.7.0-1ubuntu4.1', '2.7.0-1ubuntu4.2', -1],
  ['5.38.2-3.2build2', '5.38.2-3.2build2.1', -1],
  ['1.2-629101324', '1.2-582007467', 1],
  ['20250419~deb12u2', '20230311+deb12u1', 1],
  ['0:1.0', '1.0', 0],
  ['1.0+dfsg-1', '1.0-1', 1],
  ['1.0.0', '1.0', 1],
  ['2.39.3-9ubuntu6.1', '2.39.3-9ubuntu6.2', -1],
  ['12.4+deb12u11', '12.4+deb12u15', -1],
  ['5.2.15-2+b8', '5.2.15-2+b13', -1],
  ['1.0-1~bpo1', '1.0-1', -1],
  ['9.11.4', '9.11.4a', -1],
  ['1.01', '1.1', 0],
  ['1.0.99999999999999999999', '1.0.100000000000000000000', -1],
  ['1.0-a', '1.0-+', -1],
  ['1:20231115.00-g1', '1:20250327.01-g1', -1],
  ['2:2.7.0-1ubuntu4.1', '1:9.9', 1],
];

describe('compareDebianVersions', () => {
  it.each(PAIRS)('%s vs %s = %i', (a, b, want) => {
    expect(compareDebianVersions(a, b)).toBe(want);
    expect(compareDebianVersions(b, a)).toBe(0 - want);
  });

  it('is reflexive', () => {
    for (const [a] of PAIRS) expect(compareDebianVersions(a, a)).toBe(0);
  });

  it('sorts a list the way dpkg does', () => {
    const list = ['1.0', '1.0~rc1', '1:0.1', '1.0-1', '1.0+b1', '1.0~~', '0.9'];
    expect([...list].sort(compareDebianVersions)).toEqual(['0.9', '1.0~~', '1.0~rc1', '1.0', '1.0-1', '1.0+b1', '1:0.1']);
  });
});

describe('parseDebianVersion', () => {
  it('splits epoch, upstream and revision', () => {
    expect(parseDebianVersion('1:4.13+dfsg1-1+deb12u1')).toEqual({ epoch: 1, upstream: '4.13+dfsg1', revision: '1+deb12u1' });
    expect(parseDebianVersion('1.2-3-4')).toEqual({ epoch: 0, upstream: '1.2-3', revision: '4' });
    expect(parseDebianVersion('2025b')).toEqual({ epoch: 0, upstream: '2025b', revision: '' });
  });
});
