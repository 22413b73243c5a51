/**
 * The core process's side: on `start`, owns the data folder (the lock), opens the core, serves the
 * CLI socket, and from then on answers the main process's calls through the one dispatcher and
 * forwards every event. The keychain it gets asks the main process. Plain Node: tested with
 * child_process.fork, run by Electron as a utilityProcess.
 */
import { openAppCore, type AppCore } from '../core/app-core';
import { DatabaseOpenError } from '../db/database';
import { ownFolder, serveOwnedFolder } from '../owner/folder-owner';
import type { FolderLock } from '../owner/folder-lock';
import type { CoreSocketServer } from '../owner/core-socket-server';
import type { KeychainProtector } from '../services/credentials/credential-vault.service';
import type { FromCore, MessagePortLike, ToCore } from './core-process-protocol';

/** Serves the main process over `port` until it says stop; `exit` ends the process afterwards. */
export function serveMainProcess(port: MessagePortLike<ToCore, FromCore>, exit: (code: number) => void): void {
  let core: AppCore | undefined;
  let lock: FolderLock | undefined;
  let socket: CoreSocketServer | undefined;
  let nextKeychainId = 1;
  const keychainWaiters = new Map<number, { resolve: (value: string) => void; reject: (error: Error) => void }>();

  const askKeychain = (op: 'wrap' | 'unwrap', value: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextKeychainId++;
      keychainWaiters.set(id, { resolve, reject });
      port.post({ type: 'keychain', id, op, value });
    });
  const keychain: KeychainProtector = {
    wrap: (dataKey) => askKeychain('wrap', dataKey.toString('base64')),
    unwrap: async (wrapped) => Buffer.from(await askKeychain('unwrap', wrapped), 'base64'),
  };

  const start = async (message: Extract<ToCore, { type: 'start' }>) => {
    try {
      lock = await ownFolder(message.dataDir, 'desktop');
      core = openAppCore({ dataDir: message.dataDir, mode: 'desktop', ...(message.resourcesDir ? { resourcesDir: message.resourcesDir } : {}), ...(message.keychain ? { keychain } : {}) });
      await core.vaultReady;
      core.events.subscribe((event, payload) => port.post({ type: 'event', event, payload }));
      socket = await serveOwnedFolder(lock, core);
      core.warmUp();
      core.watchChanges();
      port.post({ type: 'ready', owner: lock.record });
    } catch (error) {
      await core?.close();
      lock?.release();
      core = undefined;
      port.post({ type: 'failed', message: error instanceof DatabaseOpenError ? error.message : (error as Error).message });
    }
  };

  const stop = async () => {
    await socket?.close();
    await core?.close();
    lock?.release();
    core = undefined;
    port.post({ type: 'stopped' });
    exit(0);
  };

  port.onMessage((message) => {
    if (message.type === 'start') void start(message);
    else if (message.type === 'invoke') {
      const { id, channel, request } = message;
      if (!core) return port.post({ type: 'result', id, result: { ok: false, error: { code: 'unavailable', message: 'the Patchdesk core is not running' } } });
      void core.dispatcher.invoke(channel, request).then((result) => port.post({ type: 'result', id, result }));
    } else if (message.type === 'keychain-result') {
      const waiter = keychainWaiters.get(message.id);
      keychainWaiters.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.message));
    } else if (message.type === 'stop') void stop();
  });
}
