/**
 * The main process's side of the core process (see core-process-server.ts): starts it on a data
 * folder, relays contract calls and events, and answers its keychain requests with the OS keychain
 * that only the main process can use. Plain Node, no Electron import: electron/main gives it the
 * utilityProcess's port; the tests give it a forked child's.
 */
import type { ApiResult } from '../../shared/contract/common';
import type { OwnerRecord } from '../owner/folder-lock';
import type { FromCore, MessagePortLike, ToCore } from './core-process-protocol';

/** The keychain as the main process has it (synchronous, like Electron's safeStorage). */
export interface MainKeychain {
  wrap(dataKey: Buffer): string;
  unwrap(wrapped: string): Buffer;
}

/** The core process as the main process sees it. */
export interface CoreProcessClient {
  /** Starts the core on `dataDir`; resolves with its owner record, or rejects with why it could not start. */
  start(options: { dataDir: string; resourcesDir?: string }): Promise<OwnerRecord>;
  /** Relays one call; never throws (a stopped core answers `unavailable`). */
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  /** Receives every event the core emits. */
  onEvent(listener: (event: string, payload: unknown) => void): void;
  /** Asks the core to close the folder and resolves when it did. */
  stop(): Promise<void>;
  /** The core process ended on its own (crashed): pending and later calls fail with `reason`. */
  lost(reason: string): void;
}

/** Builds the client over the core process's port. */
export function createCoreProcessClient(port: MessagePortLike<FromCore, ToCore>, keychain?: MainKeychain): CoreProcessClient {
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const eventListeners: ((event: string, payload: unknown) => void)[] = [];
  let nextId = 1;
  let lostReason: string | undefined;
  let starting: { resolve: (owner: OwnerRecord) => void; reject: (error: Error) => void } | undefined;
  let stopping: (() => void) | undefined;

  const answerKeychain = (message: Extract<FromCore, { type: 'keychain' }>) => {
    try {
      if (!keychain) throw new Error('no secure OS keychain here');
      const value = message.op === 'wrap' ? keychain.wrap(Buffer.from(message.value, 'base64')) : keychain.unwrap(message.value).toString('base64');
      port.post({ type: 'keychain-result', id: message.id, ok: true, value });
    } catch (error) {
      port.post({ type: 'keychain-result', id: message.id, ok: false, message: (error as Error).message });
    }
  };

  port.onMessage((message) => {
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') for (const listener of eventListeners) listener(message.event, message.payload);
    else if (message.type === 'keychain') answerKeychain(message);
    else if (message.type === 'ready') starting?.resolve(message.owner);
    else if (message.type === 'failed') starting?.reject(new Error(message.message));
    else if (message.type === 'stopped') stopping?.();
  });

  const client: CoreProcessClient = {
    start(options) {
      return new Promise((resolve, reject) => {
        starting = { resolve, reject };
        port.post({ type: 'start', dataDir: options.dataDir, ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}), keychain: keychain !== undefined });
      });
    },
    invoke(channel, request) {
      if (lostReason !== undefined) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: lostReason } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.post({ type: 'invoke', id, channel, request });
      });
    },
    onEvent(listener) {
      eventListeners.push(listener);
    },
    stop() {
      if (lostReason !== undefined) return Promise.resolve();
      return new Promise((resolve) => {
        stopping = resolve;
        port.post({ type: 'stop' });
      });
    },
    lost(reason) {
      lostReason ??= reason;
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message: reason } });
      pending.clear();
      starting?.reject(new Error(reason));
      stopping?.();
    },
  };
  return client;
}
