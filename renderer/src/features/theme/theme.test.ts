import { describe, expect, it } from 'vitest';
import { resolveTheme, toThemePreference } from './theme';

describe('theme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('treats unknown stored values as system', () => {
    expect(toThemePreference('dark')).toBe('dark');
    expect(toThemePreference(42)).toBe('system');
    expect(toThemePreference(undefined)).toBe('system');
  });
});
