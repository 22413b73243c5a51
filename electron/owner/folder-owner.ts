/**
 * How a process joins a data folder: it becomes the folder's owner (takes the lock, opens the
 * database, serves the socket), or, when another process owns it, a client of that owner's socket.
 * The browser host and the desktop core only ever own; the CLI does whichever applies.
 */
import type { Dispatcher } from '../core/dispatcher';
import type { EventBus } from '../platform/event-bus';
import { isPidRunning } from '../platform/job-owner';
import { CoreConnectError, connectCoreSocket, type RemoteCore } from './core-socket-client';
import { serveCoreSocket, type CoreSocketServer } from './core-socket-server';
import { describeOwner, readOwnerRecord, tryAcquireFolderLock, type CoreKind, type FolderLock, type OwnerRecord } from './folder-lock';
import { coreSocketAddress } from './socket-address';

/** This process owns the folder, or talks to the process that does. */
export type FolderAttachment = { mode: 'owner'; lock: FolderLock } | { mode: 'client'; remote: RemoteCore };

/** Waits between attempts while an owner starts or stops; the caller's clock in tests. */
export interface AttachOptions {
  /** How long to keep trying while the lock is held but its owner does not answer yet. */
  patienceMs?: number;
  /** Waits `ms`; tests pass one that returns at once. */
  pause?: (ms: number) => Promise<void>;
}

const RETRY_MS = 25;

/**
 * Owns `dataDir` as `kind`, or connects to its owner. The lock held with no answering socket is
 * normal for a moment (the owner is starting or finishing); after `patienceMs` it is an error
 * naming the owner. As a client, every call acts for `actor` (the command's resolveActor()).
 */
export async function attachToFolder(dataDir: string, kind: CoreKind, actor: string, options: AttachOptions = {}): Promise<FolderAttachment> {
  const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = Math.max(1, Math.ceil((options.patienceMs ?? 15_000) / RETRY_MS));
  let last: { owner: OwnerRecord | null; why: string } = { owner: null, why: '' };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const lock = tryAcquireFolderLock(dataDir, kind);
    if (lock) return { mode: 'owner', lock };
    const owner = readOwnerRecord(dataDir);
    if (owner?.socket && isPidRunning(owner.pid)) {
      try {
        return { mode: 'client', remote: await connectCoreSocket(owner.socket, actor) };
      } catch (error) {
        // Another version answers: waiting will not help.
        if (error instanceof CoreConnectError && error.code === 'version') throw error;
        last = { owner, why: (error as Error).message };
      }
    } else last = { owner, why: owner ? 'it has not opened its socket yet' : 'it has not said who it is yet' };
    await pause(RETRY_MS);
  }
  const who = last.owner ? describeOwner(last.owner) : 'another process';
  throw new CoreConnectError(`${who} holds the data folder ${dataDir} but does not answer (${last.why}); try again, or stop that process`, 'timeout');
}

/** Why a long-lived core could not own its folder (another core holds it). */
export class FolderInUseError extends Error {
  constructor(
    message: string,
    readonly owner: OwnerRecord | null,
  ) {
    super(message);
    this.name = 'FolderInUseError';
  }
}

/**
 * Takes the folder as a long-lived core (the browser host, the desktop app's core). A CLI command
 * holding it is waited for (it ends on its own, within `patienceMs`); another long-lived core is
 * refused at once with a {@link FolderInUseError} naming it.
 */
export async function ownFolder(dataDir: string, kind: CoreKind, options: AttachOptions = {}): Promise<FolderLock> {
  const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = Math.max(1, Math.ceil((options.patienceMs ?? 30_000) / RETRY_MS));
  for (let attempt = 0; ; attempt++) {
    const lock = tryAcquireFolderLock(dataDir, kind);
    if (lock) return lock;
    const owner = readOwnerRecord(dataDir);
    const transient = owner === null || owner.kind === 'cli';
    if (!transient || attempt + 1 >= attempts) throw new FolderInUseError(describeOwnedElsewhere(dataDir), owner);
    await pause(RETRY_MS);
  }
}

/** The refusal the browser host and the desktop app give when the folder is owned already. */
export function describeOwnedElsewhere(dataDir: string): string {
  const owner = readOwnerRecord(dataDir);
  return `the data folder ${dataDir} is in use by ${owner ? describeOwner(owner) : 'another Patchdesk process'}: stop it first, or open another folder with --data-dir`;
}

/** Serves an owned folder's dispatcher and events on its socket and records the address. */
export async function serveOwnedFolder(lock: FolderLock, core: { dispatcher: Dispatcher; events: EventBus }): Promise<CoreSocketServer> {
  const server = await serveCoreSocket({ core, address: coreSocketAddress(lock.dataDir), owner: () => lock.record });
  lock.publish({ socket: server.address });
  return server;
}
