/**
 * The one way Patchdesk writes more than one statement at a time. The desktop app, the browser
 * host and the CLI can all have the same database open; a write transaction must take SQLite's
 * write lock when it begins (`BEGIN IMMEDIATE`) so that it waits for the busy timeout when another
 * process is writing. A plain (deferred) transaction reads first and asks for the write lock
 * later; if another process committed meanwhile, SQLite cannot let it wait and it fails at once
 * with "database is locked". Inside another write transaction this nests as a savepoint.
 */
import type { Db } from './database';

/** Runs `work` in one immediate write transaction: all of it commits, or none of it does. */
export function writeTransaction<T>(db: Db, work: () => T): T {
  // The only call of better-sqlite3's transaction() in the app; a lint rule keeps it so.
  return db.transaction(work).immediate();
}
