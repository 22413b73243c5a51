/**
 * One builder of the lab's cache at a time. Two test files (or a test and `npm run lab`) may
 * bring a lab up at once on a fresh machine, and both would otherwise build the same base root
 * filesystem into the same folder. The lock is a folder made atomically with the holder's pid in
 * it; a lock whose holder is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function holderAlive(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` holding the cache lock in `cacheDir`, waiting up to `limitMs` for another builder. */
export async function withCacheLock<T>(cacheDir: string, work: () => Promise<T>, limitMs = 20 * 60_000): Promise<T> {
  mkdirSync(cacheDir, { recursive: true });
  const lockDir = join(cacheDir, '.build-lock');
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died (or has not written its pid for a while) leaves the lock to us.
      if (!holderAlive(lockDir) && waited >= 1000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (waited >= limitMs) throw new Error(`another process has been building the lab cache in ${cacheDir} for ${Math.round(limitMs / 60_000)} minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
