/**
 * Tells a storage problem (a read-only data folder, missing permission, a full disk) apart from a
 * damaged database, and words it naming the folder and what to do. SQLite and Node report these
 * with their own codes; both come here, whether the database is being opened or written later.
 */

/** What is wrong with the storage under the data folder. */
export type StorageProblem = 'read_only' | 'disk_full';

const READ_ONLY_CODES = new Set(['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM', 'EROFS']);
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** The storage problem behind `error`, or null when it is something else. */
export function storageProblemOf(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL_CODES.has(code)) return 'disk_full';
  // Extended SQLite codes keep the primary name first: SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN_ISDIR ...
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  if (READ_ONLY_CODES.has(primary)) return 'read_only';
  return null;
}

/** One sentence naming the folder, the problem and the way out. */
export function describeStorageProblem(problem: StorageProblem, folder: string, detail: string): string {
  if (problem === 'disk_full') {
    return `The disk holding the data folder ${folder} is full (${detail}). Nothing was written. Free some space there and try again.`;
  }
  return (
    `The data folder ${folder} is read-only or not writable by this user (${detail}). Nothing was written. ` +
    'Make it writable (check its permissions, the mount, and that it belongs to this user), or choose another folder with --data-dir.'
  );
}

/** Whether `error` is SQLite giving up on another process's lock after the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** One sentence for a database another process kept locked past the busy timeout. */
export function describeBusyDatabase(folder: string, waitedMs: number): string {
  return `The database in ${folder} stayed locked by another Patchdesk process for more than ${Math.round(waitedMs / 1000)} s; nothing was changed. Try again; if it keeps happening, look for a stuck Patchdesk process.`;
}
