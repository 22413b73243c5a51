/** Where an installation keeps its database and files. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The database file name inside the data folder. */
export const DATABASE_FILE = 'patchdesk.db';

/**
 * The data folder: `--data-dir`, else `PATCHDESK_DATA_DIR`, else the per-user application data
 * folder Electron would use for an app named Patchdesk, so the desktop app, the browser host and
 * the CLI share one database.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (flag) return resolve(flag);
  if (env['PATCHDESK_DATA_DIR']) return resolve(env['PATCHDESK_DATA_DIR']);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Patchdesk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Patchdesk');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Patchdesk');
}
