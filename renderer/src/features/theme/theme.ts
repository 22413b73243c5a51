/** What the user picked in the theme toggle. */
export type ThemePreference = 'light' | 'dark' | 'system';
/** What is actually applied. */
export type ResolvedTheme = 'light' | 'dark';

/** Resolves the preference against the operating system's colour scheme. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

/** Reads a stored preference, falling back to following the system. */
export function toThemePreference(value: unknown): ThemePreference {
  return value === 'light' || value === 'dark' || value === 'system' ? value : 'system';
}

/** Puts the resolved theme on the root element, where the CSS variables switch on it. */
export function applyTheme(theme: ResolvedTheme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/** True when the operating system asks for dark mode. */
export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}
