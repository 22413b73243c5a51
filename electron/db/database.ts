/**
 * Opens the one SQLite database of an installation: pragmas, integrity and version checks, and
 * migrations applied in one transaction. Problems become a {@link DatabaseOpenError} whose message
 * says what is wrong with which file and that nothing was changed.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

/** The database handle type used by repositories. */
export type Db = Database.Database;

/** Why a database could not be opened. */
export class DatabaseOpenError extends Error {
  constructor(
    message: string,
    readonly reason: 'corrupt' | 'newer_version' | 'unwritable' | 'migration_failed',
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

/** Opens (creating if needed) and migrates the database at `file` (`:memory:` for tests). */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const isFile = file !== ':memory:';
  if (isFile) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new DatabaseOpenError(`Cannot create the data folder ${dirname(file)}: ${(error as Error).message}`, 'unwritable');
    }
  }
  const existed = isFile && existsSync(file);

  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the database ${file}: ${(error as Error).message}`, 'unwritable');
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
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');

    const pending = migrations.filter((migration) => migration.version > current);
    if (pending.length > 0) {
      if (existed && current > 0 && options.backupBeforeMigrate !== false) backupBeforeMigration(db, file, current, latest);
      applyMigrations(db, pending, file);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkReadable(db: Db, file: string): void {
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') {
      throw new DatabaseOpenError(
        `The database ${file} is damaged (SQLite quick_check: ${String(result)}). Nothing was changed. Restore it from a backup or move it aside.`,
        'corrupt',
      );
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(
      `The file ${file} is not a readable Patchdesk database (${(error as Error).message}). Nothing was changed. Restore it from a backup or move it aside.`,
      'corrupt',
    );
  }
}

function backupBeforeMigration(db: Db, file: string, fromVersion: number, toVersion: number): void {
  const target = `${file}.before-v${toVersion}-from-v${fromVersion}.bak`;
  if (existsSync(target)) return;
  db.prepare('VACUUM INTO ?').run(target);
}

function applyMigrations(db: Db, pending: readonly Migration[], file: string): void {
  const run = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }
  });
  try {
    run.immediate();
  } catch (error) {
    throw new DatabaseOpenError(
      `Upgrading the database ${file} failed (${(error as Error).message}); it was rolled back and is unchanged.`,
      'migration_failed',
    );
  }
}
