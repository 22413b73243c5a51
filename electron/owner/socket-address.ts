/**
 * Where a folder's core listens: a Unix socket in the data folder (which is 0700, and the socket
 * itself is made 0600), or, when that path is too long for a socket address (104 bytes on macOS,
 * 108 on Linux), in a per-user 0700 runtime folder under a name hashed from the data folder. On
 * Windows, a named pipe named by the same hash.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The socket's name inside the data folder. */
export const SOCKET_FILE = 'core.sock';
/** The longest socket path used as is (macOS allows 104 bytes with the terminator, Linux 108). */
const MAX_SOCKET_PATH_BYTES = 100;

function folderHash(dataDir: string, platform: NodeJS.Platform): string {
  // Windows paths are case-insensitive: one folder, one pipe.
  return createHash('sha256').update(platform === 'win32' ? dataDir.toLowerCase() : dataDir).digest('hex').slice(0, 24);
}

/** The address the core of `dataDir` listens on. Creates the per-user runtime folder when one is needed. */
export function coreSocketAddress(dataDir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return `\\\\.\\pipe\\patchdesk-${folderHash(dataDir, platform)}`;
  const inFolder = join(dataDir, SOCKET_FILE);
  if (Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH_BYTES) return inFolder;
  const runtime = privateRuntimeDir(env);
  return join(runtime, `${folderHash(dataDir, platform)}.sock`);
}

/**
 * `$XDG_RUNTIME_DIR/patchdesk` or `<tmp>/patchdesk-<uid>`, created 0700. A folder that is not a
 * real folder of this user with no group or other access is refused: another user could otherwise
 * prepare it and see or replace the socket.
 */
export function privateRuntimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = process.getuid?.() ?? 0;
  const dir = env['XDG_RUNTIME_DIR'] ? join(env['XDG_RUNTIME_DIR'], 'patchdesk') : join(tmpdir(), `patchdesk-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) {
    throw new Error(`${dir} is not a private folder of this user (it must be a folder owned by uid ${uid} with mode 0700): remove it and try again`);
  }
  return dir;
}
