import { describe, expect, it } from 'vitest';
import { cachedDebPrefix, parseMadison } from './apt-version-availability';

describe('apt version availability', () => {
  it('reads every version apt-cache madison lists per package', () => {
    const listed = parseMadison(' lab-hello |        1.1 | file:/srv/debrepo ./ Packages\n lab-hello |        1.0 | file:/srv/debrepo ./ Packages\n   openssl | 3.0.15-1~deb12u1 | http://deb.debian.org/debian bookworm/main amd64 Packages\n');
    expect([...(listed.get('lab-hello') ?? [])]).toEqual(['1.1', '1.0']);
    expect([...(listed.get('openssl') ?? [])]).toEqual(['3.0.15-1~deb12u1']);
    expect(parseMadison('')).toEqual(new Map());
  });

  it('names a cached file the way apt does, epoch colon escaped', () => {
    expect(cachedDebPrefix('libc6', '1:2.36-9')).toBe('libc6_1%3a2.36-9_');
  });
});
