import { describe, expect, it } from 'vitest';
import { debianMirrorFrom } from './debian-mirror';

describe('debianMirrorFrom', () => {
  it('reads the archive URI from deb822 sources, skipping the security archive', () => {
    const security = 'Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\n';
    const archive = 'Types: deb\n# a comment\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n';
    expect(debianMirrorFrom([`${security}\n${archive}`])).toBe('http://deb.debian.org/debian');
  });

  it('reads one-line sources with options', () => {
    expect(debianMirrorFrom(['# x\ndeb [arch=amd64] http://mirror.example/debian bookworm main\n'])).toBe('http://mirror.example/debian');
  });

  it('finds nothing in source-only or empty files', () => {
    expect(debianMirrorFrom(['deb-src http://deb.debian.org/debian bookworm main', ''])).toBeNull();
  });
});
