/**
 * Where a CLI command's calls go. When a desktop app, a browser host or another CLI command owns
 * the data folder, to that process over its local socket (this command never opens the database).
 * Otherwise this command takes the folder's lock, opens it itself, and serves the socket for other
 * commands started meanwhile; it stays until those have hung up, then closes.
 */
import { resolveActor } from '../core/actor';
import { attachToFolder, serveOwnedFolder } from '../owner/folder-owner';
import type { CliBackend, CliCoreOwner } from './cli-context';

/** An open backend and how to close it. */
export interface CliSession {
  backend: CliBackend;
  owner: CliCoreOwner;
  close(): Promise<void>;
}

/** Owns `dataDir` or connects to its owner. */
export async function openCliSession(dataDir: string): Promise<CliSession> {
  // The same name either way: the owner runs and audits a forwarded call as this command's actor.
  const actor = resolveActor();
  const attached = await attachToFolder(dataDir, 'cli', actor);
  if (attached.mode === 'client') {
    const { remote } = attached;
    return {
      backend: remote,
      owner: { kind: remote.owner.kind, pid: remote.owner.pid, here: false },
      close: async () => remote.close(),
    };
  }
  const { lock } = attached;
  let core;
  let server;
  try {
    // Loaded only when this command owns the folder: a forwarding command never evaluates the services.
    const { openAppCore } = await import('../core/app-core');
    core = openAppCore({ dataDir, mode: 'cli', actor });
    server = await serveOwnedFolder(lock, core);
  } catch (error) {
    await core?.close();
    lock.release();
    throw error;
  }
  const opened = core;
  const serving = server;
  return {
    backend: { invoke: (channel, request) => opened.dispatcher.invoke(channel, request), subscribe: (listener) => opened.events.subscribe(listener), onLost: () => undefined },
    owner: { kind: 'cli', pid: process.pid, here: true },
    async close() {
      // Commands that forwarded here may still be waiting for their jobs, which run in this process.
      await serving.drain();
      await opened.close();
      lock.release();
    },
  };
}
