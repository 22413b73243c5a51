import { useCallback, useEffect, useState } from 'react';
import { usePreferences } from '../../api/use-preferences';
import { applyTheme, resolveTheme, systemPrefersDark, toThemePreference, type ThemePreference } from './theme';

/** The theme preference, kept per user, applied to the document and following the OS when "system". */
export function useTheme(): { preference: ThemePreference; setPreference: (preference: ThemePreference) => void } {
  const preferences = usePreferences();
  const [preference, setPreferenceState] = useState<ThemePreference>(() => toThemePreference(preferences.peek('theme')));

  useEffect(() => {
    let live = true;
    void preferences.get('theme').then((stored) => {
      if (live && stored !== undefined) setPreferenceState(toThemePreference(stored));
    });
    return () => {
      live = false;
    };
  }, [preferences]);

  useEffect(() => {
    applyTheme(resolveTheme(preference, systemPrefersDark()));
    if (preference !== 'system' || typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme(resolveTheme('system', query.matches));
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [preference]);

  const setPreference = useCallback(
    (next: ThemePreference) => {
      setPreferenceState(next);
      void preferences.set('theme', next);
    },
    [preferences],
  );
  return { preference, setPreference };
}
