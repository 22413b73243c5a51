import { describe, it, expect } from 'vitest';
import { MAX_BANNER_LENGTH, sanitizeBanner } from './banner-text';

describe('sanitizeBanner', () => {
  it('keeps an honest SSH identification line as it is', () => {
    expect(sanitizeBanner('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')).toBe('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3');
  });

  it('removes ANSI colour, cursor and title sequences', () => {
    const hostile = '\u001b[31;1mSSH-2.0-\u001b[2J\u001b[HEvil\u001b]0;pwned\u0007_1.0\u001b[0m';
    expect(sanitizeBanner(hostile)).toBe('SSH-2.0-Evil_1.0');
  });

  it('replaces control characters, NULs and invalid UTF-8 with spaces', () => {
    const binary = Buffer.from([0x53, 0x53, 0x48, 0x00, 0x07, 0xff, 0xfe, 0x08, 0x41, 0x0a, 0x42]);
    expect(sanitizeBanner(binary)).toBe('SSH A B');
  });

  it('drops bidi overrides that could disguise the text', () => {
    expect(sanitizeBanner('nginx\u202e1.0\u202c')).toBe('nginx 1.0');
  });

  it('caps the length of a megabyte-long line', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const result = sanitizeBanner(huge);
    expect(result.length).toBe(MAX_BANNER_LENGTH);
    expect(result.endsWith('…')).toBe(true);
  });

  it('honours a smaller cap', () => {
    expect(sanitizeBanner('abcdefghij', 5)).toBe('abcd…');
  });

  it('returns an empty string for pure noise', () => {
    expect(sanitizeBanner('\u0000\u0001\u001b[0m\r\n')).toBe('');
  });
});
