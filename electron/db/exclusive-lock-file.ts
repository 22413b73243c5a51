/**
 * An exclusive lock on a file that the operating system drops when the holding process dies
 * (POSIX record locks, Windows LockFileEx), so a crashed owner never leaves a stale lock behind
 * and nobody has to guess from pids or heartbeats. SQLite already takes exactly those locks in a
 * portable way: a connection in `locking_mode=EXCLUSIVE` inside an open `BEGIN EXCLUSIVE`
 * transaction keeps every other connection, in this process or another, out of the file.
 */
import Database from 'better-sqlite3';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import { chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseOpenError } from './database';
import { describeStorageProblem, storageProblemOf } from './storage-error';

/** A held lock; {@link release} lets the next process in. */
export interface ExclusiveLockFile {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock on `path` (created when missing) without waiting. Returns null when another
 * connection holds it; other errors (an unwritable folder) are thrown as they are.
 */
export function tryLockFile(path: string): ExclusiveLockFile | null {
  let connection: Database.Database | undefined;
  try {
    connection = new Database(path, { timeout: 0 });
    if (process.platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE);
    connection.pragma('locking_mode = EXCLUSIVE');
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    // A read-only folder or a full disk is named as such, as when the database itself is opened.
    const problem = storageProblemOf(error);
    if (problem) throw new DatabaseOpenError(describeStorageProblem(problem, dirname(path), (error as Error).message), problem);
    throw error;
  }
  const held = connection;
  let locked = true;
  return {
    path,
    release() {
      if (!locked) return;
      locked = false;
      held.close();
    },
  };
}
