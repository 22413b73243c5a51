/**
 * The data folder holds the database, its WAL, the signing key, evidence packs and checklist
 * attachments: only the user who runs Patchdesk may read them. The folder is created 0700 and its
 * files 0600; a folder made by an older version (or copied with looser modes) is tightened at start.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Mode of the data folder and every folder inside it. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

/** POSIX modes mean nothing on Windows (its ACLs come from the per-user profile folder). */
const hasPosixModes = process.platform !== 'win32';

/**
 * Creates `dir` (and missing parents) readable only by its owner, and tightens it when it exists.
 * Only creating can fail: a folder this user may not chmod is still used (the caller reports any
 * real problem writing into it).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!hasPosixModes) return;
  try {
    if ((lstatSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Not ours to change (another owner, a read-only mount): see above.
  }
}

/**
 * Removes group and other access from `dir` and everything below it. Symbolic links are left
 * alone (their target may lie outside the folder). Returns what could not be tightened (a read-only
 * folder, say) instead of throwing: opening the database reports that problem by name.
 */
export function tightenPrivateTree(dir: string): { tightened: number; failures: string[] } {
  const result = { tightened: 0, failures: [] as string[] };
  if (!hasPosixModes) return result;
  const visit = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // removed meanwhile by another process
    }
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stat.mode & 0o077) !== 0) {
      try {
        chmodSync(path, stat.mode & wanted);
        result.tightened++;
      } catch (error) {
        result.failures.push(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    if (!stat.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (error) {
      result.failures.push(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    for (const name of names) visit(join(path, name));
  };
  visit(dir);
  return result;
}
