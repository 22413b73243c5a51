import { describe, expect, it } from 'vitest';
import { FALLBACK_PALETTE, readPalette, samePalette } from './chart-palette';

describe('readPalette', () => {
  it('reads the theme variables, trimmed', () => {
    const values: Record<string, string> = { '--chart-patched': ' #5fd08f', '--chart-band-4': '#ff6b5e ', '--surface': '#161a21' };
    const palette = readPalette((name) => values[name] ?? '');
    expect(palette.fullyPatched).toBe('#5fd08f');
    expect(palette.bands['90+']).toBe('#ff6b5e');
    expect(palette.surface).toBe('#161a21');
  });

  it('falls back to the light colours for a missing variable', () => {
    expect(readPalette(() => '')).toEqual(FALLBACK_PALETTE);
  });

  it('compares palettes by value', () => {
    expect(samePalette(readPalette(() => ''), FALLBACK_PALETTE)).toBe(true);
    expect(samePalette(readPalette((name) => (name === '--chart-sla' ? '#000' : '')), FALLBACK_PALETTE)).toBe(false);
  });
});
