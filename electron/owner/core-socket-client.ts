/**
 * A client of a folder owner's socket (see core-socket-server.ts): calls channels and receives
 * events as if the core were in this process. When the owner goes away mid-call, the call fails
 * with `unavailable`, naming the owner.
 */
import { connect, type Socket } from 'node:net';
import { z } from 'zod';
import type { ApiResult } from '../../shared/contract/common';
import type { EventListener } from '../platform/event-bus';
import { APP_VERSION } from '../platform/version';
import { lineReader, type ClientMessage } from './core-protocol';
import { describeOwner, OwnerRecord } from './folder-lock';

/** A connected core in another process. */
export interface RemoteCore {
  /** The owner as it introduced itself. */
  readonly owner: OwnerRecord;
  /** Calls a channel; never throws (a lost connection is an `unavailable` result). */
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  /** Receives the owner's events from now on; returns the function that stops it. */
  subscribe(listener: EventListener): () => void;
  /** Called once when the connection ends (the owner stopped, or {@link close}). */
  onLost(listener: (reason: string) => void): void;
  close(): void;
}

const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), owner: OwnerRecord }),
  z.object({ type: z.literal('result'), id: z.number().nullable(), result: z.custom<ApiResult<unknown>>((value) => typeof value === 'object' && value !== null && 'ok' in value) }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

/** Why a connection could not be made (ENOENT, ECONNREFUSED: the owner is starting or stopping). */
export class CoreConnectError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'CoreConnectError';
  }
}

/**
 * Connects and resolves after the owner's greeting. A core of another version is refused. Every
 * call names `actor` (this command's resolveActor()): the owner runs and audits it as that actor.
 */
export function connectCoreSocket(address: string, actor: string): Promise<RemoteCore> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(address);
    const pending = new Map<number, (result: ApiResult<unknown>) => void>();
    const listeners = new Set<EventListener>();
    const lostListeners: ((reason: string) => void)[] = [];
    let owner: OwnerRecord | undefined;
    let nextId = 1;
    let subscribed = false;
    let lostReason: string | undefined;
    const send = (message: ClientMessage) => socket.write(`${JSON.stringify(message)}\n`);
    const lose = (reason: string) => {
      if (lostReason !== undefined) return;
      lostReason = reason;
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message: reason } });
      pending.clear();
      for (const listener of lostListeners) listener(reason);
    };

    socket.on(
      'data',
      lineReader(
        (line) => {
          const parsed = ServerMessage.safeParse(safeJson(line));
          if (!parsed.success) return socket.destroy(new Error('the core sent a message this CLI cannot read'));
          const message = parsed.data;
          if (message.type === 'hello') {
            owner = message.owner;
            if (owner.version !== APP_VERSION) {
              socket.destroy();
              return reject(new CoreConnectError(`${describeOwner(owner)} owns this data folder and runs Patchdesk ${owner.version}, but this command is ${APP_VERSION}: stop it or use the same version`, 'version'));
            }
            return resolve(remote(owner));
          }
          if (message.type === 'event') {
            for (const listener of listeners) listener(message.event as never, message.payload as never);
            return;
          }
          if (message.id === null) return lose(`the core refused this client: ${message.result.ok ? '' : message.result.error.message}`);
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        },
        () => socket.destroy(new Error('the core sent a message larger than this CLI accepts')),
      ),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!owner) reject(new CoreConnectError(`cannot connect to ${address}: ${error.code ?? error.message}`, error.code));
    });
    socket.once('close', () => {
      if (!owner) return reject(new CoreConnectError(`${address} closed the connection before greeting`, 'closed'));
      lose(`${describeOwner(owner)}, which owns this data folder, stopped before answering`);
    });

    function remote(record: OwnerRecord): RemoteCore {
      return {
        owner: record,
        invoke(channel, request) {
          if (lostReason !== undefined) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: lostReason } });
          const id = nextId++;
          return new Promise((settle) => {
            pending.set(id, settle);
            send({ type: 'invoke', id, channel, actor, request });
          });
        },
        subscribe(listener) {
          listeners.add(listener);
          if (!subscribed) {
            subscribed = true;
            send({ type: 'subscribe' });
          }
          return () => listeners.delete(listener);
        },
        onLost(listener) {
          if (lostReason !== undefined) listener(lostReason);
          else lostListeners.push(listener);
        },
        close() {
          lose('the connection was closed');
          socket.end();
        },
      };
    }
  });
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
