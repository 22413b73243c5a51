/**
 * The messages between the desktop app's main process and its core process (an Electron
 * `utilityProcess` running core-process-entry.ts): the main process relays the window's contract
 * calls and the core's events, and answers the core's keychain requests (only the main process can
 * use Electron's safeStorage). Structured-clone messages over the parent port, no JSON framing.
 */
import type { ApiResult } from '../../shared/contract/common';
import type { OwnerRecord } from '../owner/folder-lock';

/** Main → core. */
export type ToCore =
  | { type: 'start'; dataDir: string; resourcesDir?: string; keychain: boolean }
  | { type: 'invoke'; id: number; channel: string; request: unknown }
  | { type: 'keychain-result'; id: number; ok: true; value: string } | { type: 'keychain-result'; id: number; ok: false; message: string }
  | { type: 'stop' };

/** Core → main. */
export type FromCore =
  | { type: 'ready'; owner: OwnerRecord }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  /** `value`: base64 of the data key (wrap) or the wrapped key (unwrap). */
  | { type: 'keychain'; id: number; op: 'wrap' | 'unwrap'; value: string }
  | { type: 'stopped' };

/** One side of the parent port: Electron's `process.parentPort`/`UtilityProcess`, or Node's fork IPC. */
export interface MessagePortLike<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
