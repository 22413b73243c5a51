import { useApiContext } from './api-context';
import type { Preferences } from './preferences';

/** The per-user preference store (theme, last site). */
export function usePreferences(): Preferences {
  return useApiContext().client.preferences;
}
