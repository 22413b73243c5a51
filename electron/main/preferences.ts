/**
 * Settings that are not domain data (window bounds, theme, last site), kept with electron-store
 * in the desktop app. Only known keys with the right shape are stored.
 */
import Store from 'electron-store';

export interface Preferences {
  theme: 'light' | 'dark' | 'system';
  lastSiteId: number | null;
  windowBounds: { x?: number; y?: number; width: number; height: number; maximized: boolean };
}

const DEFAULTS: Preferences = { theme: 'system', lastSiteId: null, windowBounds: { width: 1360, height: 860, maximized: false } };

/** The preference store. */
export function createPreferenceStore(): Store<Preferences> {
  return new Store<Preferences>({ name: 'preferences', defaults: DEFAULTS });
}

/** Checks a value the renderer wants to store; returns undefined when it does not fit. */
export function acceptPreference(key: string, value: unknown): [keyof Preferences, unknown] | undefined {
  if (key === 'theme' && (value === 'light' || value === 'dark' || value === 'system')) return [key, value];
  if (key === 'lastSiteId' && (value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0))) return [key, value];
  return undefined;
}
