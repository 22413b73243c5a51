/**
 * Writes a finished pack to disk all at once or not at all: the bytes go to a hidden temporary
 * file in the target folder, are flushed to the disk, and only then renamed over the target
 * name. A full disk, a missing or read-only folder, or a crash can therefore never leave a
 * partial pack under the name the user asked for; on failure the temporary file is removed and
 * the message says, in plain words, what was wrong and that nothing was written. A temporary file
 * that a crash left behind is removed at the next start (see partial-pack-files.ts).
 */
import * as fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../../platform/app-error';
import { partialPackName } from './partial-pack-files';

/** The file-system calls the writer uses: a seam so tests can fail a write (a full disk) on purpose. */
export interface PackFileSystem {
  statSync(path: string): { isDirectory(): boolean };
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** The real file system. */
export const nodePackFileSystem: PackFileSystem = {
  statSync: (path) => fs.statSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

/** Writes `bytes` to `outPath` atomically; returns the absolute path and size written. */
export function writePackAtomically(outPath: string, bytes: Uint8Array, fileSystem: PackFileSystem = nodePackFileSystem): { path: string; size: number } {
  const path = resolve(outPath);
  const folder = dirname(path);
  checkTarget(path, folder, fileSystem);
  const temp = join(folder, partialPackName(path));
  let fd: number | undefined;
  let tempCreated = false;
  try {
    // Owner-only: a pack in the data folder holds the whole inventory (one sent out is a copy).
    fd = fileSystem.openSync(temp, 'wx', 0o600);
    tempCreated = true;
    for (let offset = 0; offset < bytes.length; ) offset += fileSystem.writeSync(fd, bytes, offset, bytes.length - offset);
    fileSystem.fsyncSync(fd);
    fileSystem.closeSync(fd);
    fd = undefined;
    fileSystem.renameSync(temp, path);
    tempCreated = false;
  } catch (error) {
    if (fd !== undefined) ignoreErrors(() => fileSystem.closeSync(fd as number));
    if (tempCreated) ignoreErrors(() => fileSystem.unlinkSync(temp));
    throw describeWriteError(error, path, folder);
  }
  syncFolder(folder, fileSystem);
  return { path, size: bytes.length };
}

/** Refuses a target whose folder is missing or that is itself a folder, before writing anything. */
function checkTarget(path: string, folder: string, fileSystem: PackFileSystem): void {
  let folderIsDirectory: boolean;
  try {
    folderIsDirectory = fileSystem.statSync(folder).isDirectory();
  } catch (error) {
    throw describeWriteError(error, path, folder);
  }
  if (!folderIsDirectory) throw failure('bad_request', `cannot write ${path}: ${folder} is a file, not a folder; nothing was written`);
  let targetIsDirectory = false;
  try {
    targetIsDirectory = fileSystem.statSync(path).isDirectory();
  } catch {
    // No such file yet: the usual case.
  }
  if (targetIsDirectory) throw failure('bad_request', `cannot write ${path}: it is a folder; give a file name such as ${join(path, 'evidence.zip')}`);
}

/** Makes the rename itself durable where the platform allows it (not on Windows; never fatal). */
function syncFolder(folder: string, fileSystem: PackFileSystem): void {
  if (process.platform === 'win32') return;
  ignoreErrors(() => {
    const fd = fileSystem.openSync(folder, 'r');
    try {
      fileSystem.fsyncSync(fd);
    } finally {
      fileSystem.closeSync(fd);
    }
  });
}

/** An fs error as a plain sentence naming the path; never a stack or an errno alone. */
export function describeWriteError(error: unknown, path: string, folder: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return failure('bad_request', `cannot write ${path}: the folder ${folder} is not writable (permission denied); nothing was written`);
    case 'EROFS':
      return failure('bad_request', `cannot write ${path}: the folder ${folder} is on a read-only file system; nothing was written`);
    case 'ENOENT':
      return failure('bad_request', `cannot write ${path}: the folder ${folder} does not exist; nothing was written`);
    case 'ENOTDIR':
      return failure('bad_request', `cannot write ${path}: part of ${folder} is a file, not a folder; nothing was written`);
    case 'EISDIR':
      return failure('bad_request', `cannot write ${path}: it is a folder; nothing was written`);
    case 'ENOSPC':
    case 'EDQUOT':
      return failure('unavailable', `cannot write ${path}: the disk is full; nothing was written`);
    default:
      return failure('unavailable', `cannot write ${path}: ${(error as Error).message ?? String(error)}; nothing was written`);
  }
}

function failure(code: 'bad_request' | 'unavailable', message: string): AppError {
  return new AppError(code, message, [{ path: 'outPath', message }]);
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Best effort: the original error is what the user needs to see.
  }
}
