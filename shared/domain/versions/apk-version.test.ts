import { describe, expect, it } from 'vitest';
import { compareApkVersions } from './apk-version';

describe('compareApkVersions', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['1.36.1-r28', '1.36.1-r29', -1],
    ['1.0.1q-r0', '1.0.2m-r0', -1],
    ['1.0.2m-r0', '1.0.2-r0', 1],
    ['1.0_rc1', '1.0', -1],
    ['1.0_alpha', '1.0_beta', -1],
    ['1.0_pre1', '1.0_rc1', -1],
    ['1.0_p1', '1.0', 1],
    ['1.0_git20240101', '1.0', 1],
    ['1.0_git20240101', '1.0_p1', -1],
    ['1.0', '1.0.1', -1],
    ['1.0a', '1.0.1', -1],
    ['1.10', '1.9', 1],
    ['1.01', '1.1', -1],
    ['1.0-r0', '1.0', 0],
    ['2.4_p1-r2', '2.4_p1-r10', -1],
    ['3.0.15-r0', '3.3.2-r1', -1],
  ])('%s vs %s = %i', (a, b, want) => {
    expect(compareApkVersions(a, b)).toBe(want);
    expect(compareApkVersions(b, a)).toBe(0 - want);
  });

  it('keeps a total order on versions apk would reject', () => {
    expect(compareApkVersions('weird', 'weird')).toBe(0);
    expect(compareApkVersions('a', 'b')).toBe(-1);
  });
});
