/**
 * The folder owner's local socket: the one dispatcher and the event bus, for CLI commands started
 * while this process owns the folder. Requests go through `dispatcher.invoke` exactly as IPC and
 * HTTP requests do (parsed by the contract, errors as its error union). Only this user can connect:
 * the socket lives in a 0700 folder and is itself 0600 (a Windows named pipe keeps its default
 * ACL; that has not been tested here).
 *
 * Each call runs as the calling command's actor, through the CLI (runAsRequest), with every job it
 * starts: the audit log says alice asked, not the owner's user. Because only this OS user can
 * connect, that actor is a label the user chose (`PATCHDESK_ACTOR`), as on their own commands, not
 * an authentication.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Dispatcher } from '../core/dispatcher';
import type { EventBus } from '../platform/event-bus';
import { runAsRequest } from '../platform/request-context';
import { ClientMessage, lineReader, type ServerMessage } from './core-protocol';
import type { OwnerRecord } from './folder-lock';

export interface CoreSocketOptions {
  core: { dispatcher: Dispatcher; events: EventBus };
  /** Where to listen (see coreSocketAddress). A leftover socket file there is replaced: the caller holds the folder lock. */
  address: string;
  /** The record sent to each client first. */
  owner: () => OwnerRecord;
}

/** A listening socket server. */
export interface CoreSocketServer {
  readonly address: string;
  /** Clients connected now. */
  connections(): number;
  /** Stops taking new clients and resolves once every connected client has hung up. */
  drain(): Promise<void>;
  /** Stops at once, hanging up on every client. */
  close(): Promise<void>;
}

/** Starts serving the dispatcher and events on a local socket. */
export async function serveCoreSocket(options: CoreSocketOptions): Promise<CoreSocketServer> {
  const clients = new Set<Socket>();
  let drained: (() => void) | undefined;
  const server: Server = createServer((socket) => {
    clients.add(socket);
    socket.once('close', () => {
      clients.delete(socket);
      if (clients.size === 0) drained?.();
    });
    handleClient(socket, options);
  });
  const isPipe = options.address.startsWith('\\\\');
  if (!isPipe) rmSync(options.address, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.address, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  // The folder is already private; the socket's own mode is the second wall.
  if (!isPipe) chmodSync(options.address, 0o600);
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  return {
    address: options.address,
    connections: () => clients.size,
    async drain() {
      const listening = stopListening();
      if (clients.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      await listening;
    },
    async close() {
      const listening = stopListening();
      for (const client of clients) client.destroy();
      await listening;
    },
  };
}

function handleClient(socket: Socket, options: CoreSocketOptions): void {
  let unsubscribe: (() => void) | undefined;
  const send = (message: ServerMessage) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
  };
  const refuse = (message: string) => {
    send({ type: 'result', id: null, result: { ok: false, error: { code: 'bad_request', message } } });
    socket.end();
  };
  socket.once('close', () => unsubscribe?.());
  socket.on('error', () => socket.destroy());
  socket.on(
    'data',
    lineReader(
      (line) => {
        if (line.trim() === '') return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          return refuse('not a Patchdesk core message: each line must be one JSON object');
        }
        const message = ClientMessage.safeParse(parsed);
        if (!message.success) return refuse(`not a Patchdesk core message: expected {"type":"invoke","id":N,"channel":"...","actor":"...","request":{...}} or {"type":"subscribe"} (${describeIssue(message.error.issues[0])})`);
        if (message.data.type === 'subscribe') {
          unsubscribe ??= options.core.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
          return;
        }
        const { id, channel, actor, request } = message.data;
        void runAsRequest({ actor, via: 'cli' }, () => options.core.dispatcher.invoke(channel, request)).then((result) => send({ type: 'result', id, result }));
      },
      () => refuse('a message is larger than the core accepts'),
    ),
  );
  send({ type: 'hello', owner: options.owner() });
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'unreadable';
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
