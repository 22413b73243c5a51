import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './passphrase-strength';

describe('passphraseStrength', () => {
  it('asks for the minimum length first', () => {
    expect(passphraseStrength('')).toMatchObject({ level: 'too-short', text: 'At least 12 characters.' });
    expect(passphraseStrength('abcdefghijk').text).toBe('1 more character needed.');
  });

  it('rates repeats and common words weak, long phrases strong', () => {
    expect(passphraseStrength('aaaaaaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('Password1234!').level).toBe('weak');
    expect(passphraseStrength('correct horse battery staple').level).toBe('strong');
  });
});
