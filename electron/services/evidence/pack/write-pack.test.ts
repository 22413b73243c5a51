import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/app-error';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { nodePackFileSystem, writePackAtomically, type PackFileSystem } from './write-pack';

afterEach(removeTempDirs);

const bytes = new TextEncoder().encode('PK fake pack '.repeat(1000));
/** Root ignores permission bits, so a read-only folder only stops other users. */
const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('writePackAtomically', () => {
  it('writes the whole pack under the requested name and leaves no temporary file', () => {
    const dir = makeTempDir();
    const target = join(dir, 'acme-2026-10.zip');
    expect(writePackAtomically(target, bytes)).toEqual({ path: target, size: bytes.length });
    expect(readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(readdirSync(dir)).toEqual(['acme-2026-10.zip']);
  });

  it('replaces an existing pack in one step', () => {
    const dir = makeTempDir();
    const target = join(dir, 'pack.zip');
    writeFileSync(target, 'old');
    writePackAtomically(target, bytes);
    expect(readFileSync(target).length).toBe(bytes.length);
    expect(readdirSync(dir)).toEqual(['pack.zip']);
  });

  it('names a missing folder, a file in the way, and a folder given as the target', () => {
    const dir = makeTempDir();
    expect(caught(() => writePackAtomically(join(dir, 'missing', 'pack.zip'), bytes)).message).toBe(`cannot write ${join(dir, 'missing', 'pack.zip')}: the folder ${join(dir, 'missing')} does not exist; nothing was written`);
    writeFileSync(join(dir, 'file'), 'x');
    expect(caught(() => writePackAtomically(join(dir, 'file', 'pack.zip'), bytes)).message).toMatch(/is a file, not a folder; nothing was written/);
    expect(caught(() => writePackAtomically(join(dir, 'file', 'deeper', 'pack.zip'), bytes)).message).toMatch(/part of .*file\/deeper is a file, not a folder/);
    const folderTarget = caught(() => writePackAtomically(dir, bytes));
    expect(folderTarget.message).toMatch(/it is a folder; give a file name such as .*evidence.zip/);
    expect(folderTarget).toMatchObject({ code: 'bad_request', issues: [{ path: 'outPath' }] });
  });

  // Skipped as root (CI containers): root writes into read-only folders; the EACCES wording is covered below through the seam.
  it.skipIf(runningAsRoot)('says a read-only folder is not writable (real permissions)', () => {
    const dir = makeTempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      expect(caught(() => writePackAtomically(join(locked, 'pack.zip'), bytes)).message).toBe(`cannot write ${join(locked, 'pack.zip')}: the folder ${locked} is not writable (permission denied); nothing was written`);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('says a folder is not writable when the system refuses the file', () => {
    const dir = makeTempDir();
    const refusing: PackFileSystem = { ...nodePackFileSystem, openSync: () => { throw errno('EACCES'); } };
    expect(caught(() => writePackAtomically(join(dir, 'pack.zip'), bytes, refusing)).message).toBe(`cannot write ${join(dir, 'pack.zip')}: the folder ${dir} is not writable (permission denied); nothing was written`);
    const readOnlyDisk: PackFileSystem = { ...nodePackFileSystem, openSync: () => { throw errno('EROFS'); } };
    expect(caught(() => writePackAtomically(join(dir, 'pack.zip'), bytes, readOnlyDisk)).message).toMatch(/read-only file system; nothing was written/);
  });

  it('on a disk that fills up mid-write, removes the partial file and keeps the old pack', () => {
    const dir = makeTempDir();
    const target = join(dir, 'pack.zip');
    writeFileSync(target, 'previous pack');
    let written = 0;
    const fillsUp: PackFileSystem = {
      ...nodePackFileSystem,
      writeSync: (fd, buffer, offset, length) => {
        if (written > 0) throw errno('ENOSPC');
        written = nodePackFileSystem.writeSync(fd, buffer, offset, Math.min(length, 4096));
        return written;
      },
    };
    const error = caught(() => writePackAtomically(target, bytes, fillsUp));
    expect(error).toMatchObject({ code: 'unavailable', message: `cannot write ${target}: the disk is full; nothing was written` });
    expect(written).toBe(4096);
    expect(readdirSync(dir)).toEqual(['pack.zip']);
    expect(readFileSync(target, 'utf8')).toBe('previous pack');
  });

  it('cleans up when flushing or renaming fails, and words unknown errors plainly', () => {
    const dir = makeTempDir();
    const failingSync: PackFileSystem = { ...nodePackFileSystem, fsyncSync: () => { throw errno('EIO'); } };
    expect(caught(() => writePackAtomically(join(dir, 'a.zip'), bytes, failingSync)).message).toMatch(/^cannot write .*a\.zip: EIO: simulated; nothing was written$/);
    const failingRename: PackFileSystem = { ...nodePackFileSystem, renameSync: () => { throw errno('EDQUOT'); } };
    expect(caught(() => writePackAtomically(join(dir, 'b.zip'), bytes, failingRename)).message).toMatch(/the disk is full/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
