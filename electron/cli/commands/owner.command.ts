/**
 * `patchdesk owner`: which process owns the data folder (and so runs what commands start), and
 * whether this command reached it over its socket or owns the folder itself. On Linux it also says
 * whether this process has the database file open, read from /proc/self/fd (a client never has),
 * and as whom this command's changes are recorded (its own actor, also when it forwards).
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../../core/data-dir';
import { describeOwner } from '../../owner/folder-lock';
import type { CliContext } from '../cli-context';

export const OWNER_USAGE = 'patchdesk owner [--json]';

/** Prints the folder's owner. */
export async function runOwnerCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const info = await context.call('app:info', {});
  const databaseOpenHere = databaseOpenInThisProcess(info.dataDir);
  if (values.json) return context.out(JSON.stringify({ ...context.owner, mode: info.mode, dataDir: info.dataDir, cliPid: process.pid, databaseOpenHere, actor: info.actor }, null, 2));
  context.out(
    context.owner.here
      ? `No desktop app or browser host owns ${info.dataDir}: this command (pid ${process.pid}) owns it while it runs.`
      : `${describeOwner(context.owner)} owns ${info.dataDir}; this command (pid ${process.pid}) forwards to it over its socket.`,
  );
  if (databaseOpenHere !== null) context.out(`This process has the database open: ${databaseOpenHere ? 'yes' : 'no'}.`);
  context.out(`Its changes are recorded as ${info.actor} (PATCHDESK_ACTOR, else your user name).`);
}

/** True/false from /proc/self/fd on Linux; null where that cannot be read. */
function databaseOpenInThisProcess(dataDir: string): boolean | null {
  if (process.platform !== 'linux') return null;
  try {
    return readdirSync('/proc/self/fd').some((fd) => {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        return basename(target) === DATABASE_FILE && target.startsWith(dataDir);
      } catch {
        return false;
      }
    });
  } catch {
    return null;
  }
}
