import type { ApiResult } from '../../../shared/contract';

/** What the Electron preload exposes as `window.patchdesk`. */
export interface PatchdeskBridge {
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** What the Electron preload exposes as `window.patchdeskPreferences` (backed by electron-store). */
export interface PreferencesBridge {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

declare global {
  interface Window {
    patchdesk?: PatchdeskBridge;
    patchdeskPreferences?: PreferencesBridge;
  }
}
