import { describe, expect, it } from 'vitest';
import { parseRpmVersions } from './rpm-versions';

describe('parseRpmVersions', () => {
  it('reads name and [epoch:]version-release, skipping names rpm does not know (captured)', () => {
    expect(parseRpmVersions('rocky-01', 'lab-hello\t1.1-1\nopenssl\t1:3.0.7-27.el9\npackage nosuch is not installed\n')).toEqual(
      new Map([
        ['lab-hello', '1.1-1'],
        ['openssl', '1:3.0.7-27.el9'],
      ]),
    );
  });

  it('fails closed on anything else', () => {
    expect(() => parseRpmVersions('rocky-01', 'error: rpmdb open failed\n')).toThrow(/cannot read on rocky-01/);
  });
});
