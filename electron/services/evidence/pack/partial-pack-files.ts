/**
 * The temporary files a pack is written to before it is renamed into place
 * (`.NAME.zip.PID-RANDOM.partial`), and their removal when an export was interrupted (a crash, a
 * power cut, a killed process). Only files of exactly this shape are touched, and only when the
 * process that wrote them is gone or they are older than any export takes, so an export running
 * in another process (the desktop app while the CLI starts) is never disturbed.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Clock } from '../../../platform/clock';

/** `.NAME.zip.PID-8HEX.partial`: the writer's pid, so a later start can tell whether it is still running. */
const PARTIAL_NAME = /^\.(.+\.zip)\.(\d+)-[0-9a-f]{8}\.partial$/;

/** An export never takes this long; a partial file this old is left over even if its pid was reused. */
export const STALE_PARTIAL_AGE_MS = 24 * 60 * 60 * 1000;

/** The temporary name a pack for `target` is written under by this process. */
export function partialPackName(target: string, pid = process.pid): string {
  return `.${basename(target)}.${pid}-${randomBytes(4).toString('hex')}.partial`;
}

/** The pid that wrote a temporary pack file, or null when the name is not one of ours. */
export function partialPackOwner(name: string): number | null {
  const match = PARTIAL_NAME.exec(name);
  return match ? Number(match[2]) : null;
}

export interface PartialCleanupOptions {
  clock: Clock;
  /** Whether a process is still running; tests pass their own. */
  isProcessAlive?: (pid: number) => boolean;
}

/**
 * Removes the temporary pack files an interrupted export left in `folder`; returns the names
 * removed. A missing folder holds nothing to clean. Never throws: a file that cannot be removed
 * now is tried again at the next start.
 */
export function removeInterruptedPackFiles(folder: string, options: PartialCleanupOptions): string[] {
  const isAlive = options.isProcessAlive ?? processIsAlive;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const now = options.clock.now().getTime();
  for (const name of names) {
    const owner = partialPackOwner(name);
    if (owner === null) continue;
    try {
      const stat = lstatSync(join(folder, name));
      if (!stat.isFile()) continue;
      const old = now - stat.mtimeMs > STALE_PARTIAL_AGE_MS;
      if (!old && isAlive(owner)) continue;
      unlinkSync(join(folder, name));
      removed.push(name);
    } catch {
      // Gone already (its export finished), or not removable now: the next start tries again.
    }
  }
  return removed;
}

/** True while a process with this pid exists (ours included: an export of ours may be running). */
export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
