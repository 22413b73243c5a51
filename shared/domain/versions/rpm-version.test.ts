import { describe, expect, it } from 'vitest';
import { compareRpmVersions, formatRpmEvr, parseRpmEvr, rpmvercmp } from './rpm-version';

const VERCMP: Array<[string, string, -1 | 0 | 1]> = [
  ['1.0', '1.0', 0],
  ['1.0', '2.0', -1],
  ['2.0.1', '2.0', 1],
  ['2.0.1a', '2.0.1', 1],
  ['5.5p1', '5.5p2', -1],
  ['5.5p10', '5.5p1', 1],
  ['10xyz', '10.1xyz', -1],
  ['xyz.4', '8', -1],
  ['5.5p1', '5.5.p1', 0],
  ['3.0.0_fc', '3.0.0.fc', 0],
  ['1.0a', '1.0.1', -1],
  ['2a', '2.0', -1],
  ['1.0', '1.fc4', 1],
  ['a', '1', -1],
  ['1.0~rc1', '1.0', -1],
  ['1.0~rc1', '1.0~rc2', -1],
  ['1.0~rc1~git123', '1.0~rc1', -1],
  ['1.0^', '1.0', 1],
  ['1.0^git1', '1.0.1', -1],
  ['1.0^git1', '1.0^git2', -1],
  ['1.0^git1~pre', '1.0^git1', -1],
  ['1.0~rc1^git1', '1.0~rc1', 1],
  ['1.0^20160101', '1.0.1', -1],
  ['20.el9_1', '20.el9', 1],
  ['1160.119.1.el7', '1160.118.1.el7', 1],
  ['000123', '123', 0],
  ['99999999999999999999', '100000000000000000000', -1],
];

describe('rpmvercmp', () => {
  it.each(VERCMP)('%s vs %s = %i', (a, b, want) => {
    expect(rpmvercmp(a, b)).toBe(want);
    expect(rpmvercmp(b, a)).toBe(0 - want);
  });
});

describe('compareRpmVersions', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['2:8.2.2637-20.el9_1', '8.2.2637-21.el9', 1],
    ['0:6.4.1-9.el9_1', '6.4.1-9.el9_1', 0],
    [':1.0-1', '1.0-1', 0],
    ['1:20240415.00-g1.el7', '1:20240607.00-g1.el7', -1],
    ['32:9.11.4-26.P2.el7_9.16', '32:9.11.4-26.P2.el7_9.15', 1],
    ['7:5.5-6.el9_3.2', '5.5-6.el9_3.3', 1],
    ['4.18.0-553.46.1.el8_10', '4.18.0-553.50.1.el8_10', -1],
    ['1.0', '1.0-1', -1],
    ['1.0~rc1-1', '1.0-1', -1],
  ])('%s vs %s = %i', (a, b, want) => {
    expect(compareRpmVersions(a, b)).toBe(want);
    expect(compareRpmVersions(b, a)).toBe(0 - want);
  });
});

describe('parseRpmEvr / formatRpmEvr', () => {
  it('treats a missing epoch as 0 and prints it only when set', () => {
    expect(parseRpmEvr('2:8.2.2637-20.el9_1')).toEqual({ epoch: 2, version: '8.2.2637', release: '20.el9_1' });
    expect(parseRpmEvr('5.1.8-6.el9_1')).toEqual({ epoch: 0, version: '5.1.8', release: '6.el9_1' });
    expect(formatRpmEvr(parseRpmEvr('0:6.4.1-9.el9_1'))).toBe('6.4.1-9.el9_1');
    expect(formatRpmEvr(parseRpmEvr('1:1.19-4.el9'))).toBe('1:1.19-4.el9');
  });
});
