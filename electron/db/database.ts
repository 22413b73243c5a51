/**
 * Opens the one SQLite database of an installation: pragmas, integrity and version checks, and
 * migrations applied in one transaction. Problems become a {@link DatabaseOpenError} whose message
 * says what is wrong with which file and that nothing was changed.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { describeBusyDatabase, describeStorageProblem, isDatabaseBusy, storageProblemOf } from './storage-error';
import { writeTransaction } from './write-transaction';

/** The database handle type used by repositories. */
export type Db = Database.Database;

/** Why a database could not be opened. */
export class DatabaseOpenError extends Error {
  constructor(
    message: string,
    readonly reason: 'corrupt' | 'newer_version' | 'unwritable' | 'read_only' | 'disk_full' | 'busy' | 'migration_failed',
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenDatabaseOptions {
  /** Migrations to apply; defaults to all. Tests pass a prefix to migrate step by step. */
  migrations?: readonly Migration[];
  /** Copy an existing database aside before migrating it (default true for files). */
  backupBeforeMigrate?: boolean;
}

/**
 * How long a statement waits for another process's write lock before it fails. The desktop app,
 * the browser host and CLI commands share one file; writers hold the lock for milliseconds, so a
 * long wait only happens when something is badly wrong.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/** Opens (creating if needed) and migrates the database at `file` (`:memory:` for tests). */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const isFile = file !== ':memory:';
  const folder = dirname(file);
  const existed = isFile && existsSync(file);
  if (isFile) {
    try {
      ensurePrivateDir(folder);
      // Created here, owner-only, so SQLite's -wal and -shm files (which copy its mode) are too.
      if (!existed) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
    } catch (error) {
      throw openError(error, folder, `Cannot create the database ${file} in the data folder ${folder}`, 'unwritable');
    }
  }

  let db: Db;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw openError(error, folder, `Cannot open the database ${file}`, 'unwritable');
  }

  try {
    checkReadable(db, file);
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > LATEST_SCHEMA_VERSION || current > latest) {
      throw new DatabaseOpenError(
        `The database ${file} was written by a newer Patchdesk (schema version ${current}; this version knows up to ${latest}). ` +
          'Update Patchdesk to open it. Nothing was changed.',
        'newer_version',
      );
    }
    try {
      db.pragma('journal_mode = WAL');
    } catch (error) {
      throw openError(error, folder, `Cannot switch the database ${file} to write-ahead logging`, 'unwritable');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');

    if (migrations.some((migration) => migration.version > current)) {
      if (existed && current > 0 && options.backupBeforeMigrate !== false) backupBeforeMigration(db, file, current, latest);
      applyMigrations(db, migrations, file);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A storage problem is named as one (read-only folder, full disk); anything else keeps `fallback`. */
function openError(error: unknown, folder: string, what: string, fallback: DatabaseOpenError['reason']): DatabaseOpenError {
  const detail = (error as Error).message;
  const problem = storageProblemOf(error);
  if (problem) return new DatabaseOpenError(describeStorageProblem(problem, folder, detail), problem);
  if (isDatabaseBusy(error)) return new DatabaseOpenError(describeBusyDatabase(folder, BUSY_TIMEOUT_MS), 'busy');
  return new DatabaseOpenError(`${what}: ${detail}`, fallback);
}

function checkReadable(db: Db, file: string): void {
  try {
    // Read before anything else: a folder SQLite cannot write its -shm file into fails here, and
    // that is a storage problem, not a damaged file.
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') {
      throw new DatabaseOpenError(
        `The database ${file} is damaged (SQLite quick_check: ${String(result)}). Nothing was changed. Restore it from a backup or move it aside.`,
        'corrupt',
      );
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
    // Not the file's fault: a read-only folder, a full disk, or another process holding a lock too long.
    if (storageProblemOf(error) || isDatabaseBusy(error)) throw openError(error, dirname(file), '', 'unwritable');
    throw new DatabaseOpenError(
      `The file ${file} is not a readable Patchdesk database (${(error as Error).message}). Nothing was changed. Restore it from a backup or move it aside.`,
      'corrupt',
    );
  }
}

function backupBeforeMigration(db: Db, file: string, fromVersion: number, toVersion: number): void {
  const target = `${file}.before-v${toVersion}-from-v${fromVersion}.bak`;
  if (existsSync(target)) return;
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    // Another process opening the same file may have made the copy a moment ago.
    if (existsSync(target)) return;
    throw openError(error, dirname(file), `Copying the database ${file} aside before upgrading it failed; it is unchanged`, 'migration_failed');
  }
  chmodSync(target, PRIVATE_FILE_MODE);
}

/**
 * Applies the migrations the database does not have yet. The version is read again under the
 * write lock: another process opening the same file at the same moment may have applied them.
 */
function applyMigrations(db: Db, migrations: readonly Migration[], file: string): void {
  try {
    writeTransaction(db, () => {
      const current = db.pragma('user_version', { simple: true }) as number;
      for (const migration of migrations.filter((candidate) => candidate.version > current)) {
        db.exec(migration.sql);
        db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
    });
  } catch (error) {
    const problem = storageProblemOf(error);
    if (problem) throw new DatabaseOpenError(describeStorageProblem(problem, dirname(file), `${(error as Error).message}; the upgrade was rolled back`), problem);
    if (isDatabaseBusy(error)) throw openError(error, dirname(file), '', 'busy');
    throw new DatabaseOpenError(
      `Upgrading the database ${file} failed (${(error as Error).message}); it was rolled back and is unchanged.`,
      'migration_failed',
    );
  }
}
