/**
 * One owner per data folder. The process that does the work on a folder (the desktop app's core
 * process, the browser host, or a CLI command when neither runs) holds an exclusive lock on
 * `owner.lock` for as long as it runs; the kernel releases it when that process exits or dies, so
 * there is no stale lock to judge. Beside it, `owner.json` says who holds it and where its socket
 * is, for the CLI to forward its calls there. The record is written only by the holder and read only
 * when the lock is taken, so it is never trusted on its own.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { tryLockFile } from '../db/exclusive-lock-file';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';
import { APP_VERSION } from '../platform/version';

/** The lock file inside the data folder. */
export const LOCK_FILE = 'owner.lock';
/** The owner record inside the data folder. */
export const OWNER_FILE = 'owner.json';

/** What kind of process owns a folder. */
export const CoreKind = z.enum(['desktop', 'browser-host', 'cli']);
export type CoreKind = z.infer<typeof CoreKind>;

/** Who holds a folder's lock, and where it answers. */
export const OwnerRecord = z.object({
  pid: z.number().int().positive(),
  kind: CoreKind,
  startedAt: z.string(),
  /** The local socket (or Windows named pipe) serving the dispatcher; null while it starts. */
  socket: z.string().nullable(),
  version: z.string(),
  /** Random per holder: tells this holding from an earlier one by the same pid. */
  instanceId: z.string(),
});
export type OwnerRecord = z.infer<typeof OwnerRecord>;

/** How a kind of owner is named in messages ("the browser host (pid 1234)"). */
export function describeOwner(record: Pick<OwnerRecord, 'kind' | 'pid'>): string {
  const name = record.kind === 'desktop' ? 'the Patchdesk desktop app' : record.kind === 'browser-host' ? 'the browser host' : 'another patchdesk CLI command';
  return `${name} (pid ${record.pid})`;
}

/** A held folder lock. */
export interface FolderLock {
  readonly dataDir: string;
  /** This holding's record as last published. */
  readonly record: OwnerRecord;
  /** Publishes (or updates) the owner record, e.g. once the socket listens. */
  publish(changes: Partial<Pick<OwnerRecord, 'socket'>>): void;
  /** Removes the record and lets the next process in. Idempotent. */
  release(): void;
}

/**
 * Takes the folder's lock without waiting, as `kind`. Null when another process holds it (read
 * its record with {@link readOwnerRecord}).
 */
export function tryAcquireFolderLock(dataDir: string, kind: CoreKind, now: () => Date = () => new Date()): FolderLock | null {
  ensurePrivateDir(dataDir);
  const lock = tryLockFile(join(dataDir, LOCK_FILE));
  if (!lock) return null;
  let record: OwnerRecord = { pid: process.pid, kind, startedAt: now().toISOString(), socket: null, version: APP_VERSION, instanceId: randomUUID() };
  let held = true;
  const write = () => {
    // Written aside and renamed, so a reader sees the old record or the new one, never half of one.
    const temp = join(dataDir, `.${OWNER_FILE}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(record), { mode: PRIVATE_FILE_MODE });
    renameSync(temp, join(dataDir, OWNER_FILE));
  };
  try {
    write();
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    dataDir,
    get record() {
      return record;
    },
    publish(changes) {
      if (!held) return;
      record = { ...record, ...changes };
      write();
    },
    release() {
      if (!held) return;
      held = false;
      // The record goes first: a reader that still sees the lock held finds no record and waits.
      rmSync(join(dataDir, OWNER_FILE), { force: true });
      lock.release();
    },
  };
}

/** The owner record as written by the current (or last) holder; null when missing or unreadable. */
export function readOwnerRecord(dataDir: string): OwnerRecord | null {
  try {
    const parsed = OwnerRecord.safeParse(JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
