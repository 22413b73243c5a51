/**
 * The preload: exposes the contract and nothing else. `window.patchdesk.invoke` forwards only
 * channel names of the contract (the main side checks again and validates every request), and
 * `on` delivers only the contract's events. Preferences (theme, last site) go to electron-store.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, isChannelName } from '../../shared/contract/index';
import { IPC } from '../main/ipc-channels';

const eventNames = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('patchdesk', {
  invoke(channel: string, request: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: `unknown channel "${String(channel)}"` } });
    }
    return ipcRenderer.invoke(IPC.invoke, channel, request);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) return () => undefined;
    const forward = (_sender: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC.event, forward);
    return () => ipcRenderer.removeListener(IPC.event, forward);
  },
});

contextBridge.exposeInMainWorld('patchdeskPreferences', {
  get: (key: string): Promise<unknown> => ipcRenderer.invoke(IPC.preferencesGet, key),
  set: (key: string, value: unknown): Promise<void> => ipcRenderer.invoke(IPC.preferencesSet, key, value),
});
