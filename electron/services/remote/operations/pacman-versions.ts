/**
 * Installed versions and the pending set of a pacman host: `pacman -Q` for the version check a
 * run is judged by, and the checkupdates-style `-Qu` for what a full upgrade would move.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { PACMAN_PENDING_COMMAND, pacmanQueryCommand } from './pacman-command';

/** One package a full upgrade would move. */
export interface PacmanPending {
  name: string;
  from: string;
  to: string;
}

/** Parses `pacman -Q` lines (`name version`). */
export function parsePacmanQuery(host: string, stdout: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^(\S+) (\S+)$/.exec(line.trim());
    if (!match) throw new RemoteError('unparseable', host, `pacman -Q printed a line Patchdesk cannot read on ${host}: ${JSON.stringify(line.slice(0, 120))}`);
    versions.set(match[1] ?? '', match[2] ?? '');
  }
  return versions;
}

/** Parses `pacman -Qu` lines (`name old -> new`, optionally ` [ignored]`). */
export function parsePacmanPending(host: string, stdout: string): PacmanPending[] {
  const pending: PacmanPending[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^(\S+) (\S+) -> (\S+)( \[ignored\])?$/.exec(line.trim());
    if (!match) throw new RemoteError('unparseable', host, `pacman -Qu printed a line Patchdesk cannot read on ${host}: ${JSON.stringify(line.slice(0, 120))}`);
    if (!match[4]) pending.push({ name: match[1] ?? '', from: match[2] ?? '', to: match[3] ?? '' });
  }
  return pending;
}

/** The installed version of each of `names`; names pacman does not know are absent. */
export async function pacmanPackageVersions(context: OperationContext, names: readonly string[], timeoutMs = 60_000): Promise<Map<string, string>> {
  const output = await runOn(context, pacmanQueryCommand(names), { timeoutMs, expectedExitCodes: [0, 1] });
  return parsePacmanQuery(context.target.name, output.stdout);
}

/** What `pacman -Syu` would move now; empty when nothing is pending (`-Qu` exit 1). */
export async function pacmanPendingUpgrades(context: OperationContext, timeoutMs = 120_000): Promise<PacmanPending[]> {
  const output = await runOn(context, PACMAN_PENDING_COMMAND, { timeoutMs, expectedExitCodes: [0, 1] });
  return output.exitCode === 1 ? [] : parsePacmanPending(context.target.name, output.stdout);
}
