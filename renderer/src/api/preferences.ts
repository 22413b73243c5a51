import type { PreferencesBridge } from './bridge-types';

/** The preference keys the renderer keeps, and their value types. */
export interface PreferenceValues {
  theme: 'light' | 'dark' | 'system';
  lastSiteId: number;
}
export type PreferenceKey = keyof PreferenceValues;

/** Small per-user settings: electron-store on the desktop, localStorage in the browser. */
export interface Preferences {
  get<K extends PreferenceKey>(key: K): Promise<PreferenceValues[K] | undefined>;
  set<K extends PreferenceKey>(key: K, value: PreferenceValues[K]): Promise<void>;
  /** The value as last known without waiting, for first paint (localStorage mirror). */
  peek<K extends PreferenceKey>(key: K): PreferenceValues[K] | undefined;
}

const LOCAL_PREFIX = 'patchdesk.pref.';

/**
 * Preferences backed by the desktop bridge when there is one, else by localStorage. localStorage
 * is always written as a mirror so that the theme can be applied before the first paint.
 */
export function createPreferences(bridge: PreferencesBridge | undefined, storage: Storage | undefined): Preferences {
  const peek = <K extends PreferenceKey>(key: K): PreferenceValues[K] | undefined => {
    try {
      const raw = storage?.getItem(LOCAL_PREFIX + key);
      return raw == null ? undefined : (JSON.parse(raw) as PreferenceValues[K]);
    } catch {
      return undefined;
    }
  };
  const mirror = (key: PreferenceKey, value: unknown) => {
    try {
      storage?.setItem(LOCAL_PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage can be full or disabled; the preference still lives for this session.
    }
  };
  return {
    peek,
    async get(key) {
      if (!bridge) return peek(key);
      try {
        const value = (await bridge.get(key)) as PreferenceValues[typeof key] | undefined;
        return value ?? peek(key);
      } catch {
        return peek(key);
      }
    },
    async set(key, value) {
      mirror(key, value);
      if (bridge) await bridge.set(key, value).catch(() => undefined);
    },
  };
}
