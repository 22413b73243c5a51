/**
 * Who holds apk's lock. apk takes an exclusive `flock` on `/lib/apk/db/lock` (apk-tools 2.14
 * src/database.c) and writes no pid into it, so the holder is read from the kernel instead:
 * `/proc/locks` lists each granted lock as `N: FLOCK ADVISORY WRITE <pid> <maj>:<min>:<inode> ...`
 * (waiters are marked `->` and are not holders), matched against the lock file's inode, and the
 * holder's name comes from `/proc/<pid>/comm`.
 */
import { APK_LOCK_FILE } from './apk-command';
import { runOn, type OperationContext } from './operation-context';

/** Prints `<pid> <command name>` for the process holding apk's lock; nothing when none does. */
export const APK_LOCK_HOLDER_COMMAND = `ino=$(stat -c %i ${APK_LOCK_FILE} 2>/dev/null) || exit 0; awk -v ino="$ino" '$2 == "FLOCK" { n = split($6, p, ":"); if (p[n] == ino) { print $5; exit } }' /proc/locks 2>/dev/null | while read -r pid; do printf '%s %s\\n' "$pid" "$(cat /proc/$pid/comm 2>/dev/null || echo unknown)"; done`;

/** Reads the command's answer; null when no holder was found. */
export function parseApkLockHolder(stdout: string): { pid: number; process: string } | null {
  const match = /^(\d+) (\S+)/m.exec(stdout);
  return match ? { pid: Number(match[1]), process: match[2] ?? 'unknown' } : null;
}

/** The process holding apk's lock now, or `unknown` (pid 0) when it cannot be told (gone already, no /proc/locks). */
export async function apkLockHolder(context: OperationContext, timeoutMs = 30_000): Promise<{ pid: number; process: string }> {
  const output = await runOn(context, APK_LOCK_HOLDER_COMMAND, { timeoutMs });
  return parseApkLockHolder(output.stdout) ?? { pid: 0, process: 'unknown' };
}
