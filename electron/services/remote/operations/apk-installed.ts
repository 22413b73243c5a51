/**
 * apk's own record of a host: `/lib/apk/db/installed` (the name `P:`, version `V:` and broken
 * flags `f:` of each package) and `/etc/apk/world`. The broken flags are apk's half-installed
 * state: apk-tools 2.14 sets `s` when a package script failed, `f` when files could not be
 * written and `x` for extended attributes, keeps the package at its new version, and `apk fix`
 * reinstalls exactly those (src/database.c, src/app_fix.c). The collector's inventory parser
 * (`parseApkInstalledDb`) reads names and versions for the inventory; this reads the flags too,
 * which only a rollout needs, from a filtered copy of the same file.
 */
import { RemoteError } from '../executor/remote-error';
import { APK_STATE_COMMAND, APK_STATE_WORLD_MARKER } from './apk-command';
import { runOn, type OperationContext } from './operation-context';

/** One installed package: its version and apk's broken flags (empty: complete). */
export interface ApkInstalled {
  version: string;
  flags: string;
}

/** What apk records on the host. */
export interface ApkState {
  installed: Map<string, ApkInstalled>;
  /** The world's lines, in order. */
  world: string[];
}

/** Parses the output of {@link APK_STATE_COMMAND}. */
export function parseApkState(host: string, stdout: string): ApkState {
  const at = stdout.indexOf(`${APK_STATE_WORLD_MARKER}\n`);
  if (at < 0) throw new RemoteError('unparseable', host, `the apk database of ${host} could not be read (no ${APK_STATE_WORLD_MARKER} marker)`);
  const installed = new Map<string, ApkInstalled>();
  let record: { name?: string; version?: string; flags: string } = { flags: '' };
  const close = () => {
    if (record.name !== undefined && record.version !== undefined) installed.set(record.name, { version: record.version, flags: record.flags });
    record = { flags: '' };
  };
  for (const line of stdout.slice(0, at).split('\n')) {
    if (line.trim() === '') close();
    else if (line.startsWith('P:')) record.name = line.slice(2).trim();
    else if (line.startsWith('V:')) record.version = line.slice(2).trim();
    else if (line.startsWith('f:')) record.flags = line.slice(2).trim();
  }
  close();
  if (installed.size === 0) throw new RemoteError('unparseable', host, `${host}'s apk database lists no installed package`);
  const world = stdout.slice(at + APK_STATE_WORLD_MARKER.length + 1).split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return { installed, world };
}

/** The world line constraining `name` (`name`, `name@tag`, `name=1.0-r0`, ...), or null when the world does not name it. */
export function worldEntry(world: readonly string[], name: string): string | null {
  return world.find((line) => line.replace(/[@<>=~].*$/, '') === name) ?? null;
}

/** Whether a world entry constrains the version (an admin's pin, or one left by an `apk add name=VERSION`). */
export function isVersionedEntry(entry: string): boolean {
  return /[<>=~]/.test(entry.replace(/@[^<>=~]*/, ''));
}

/** What each broken flag means, for messages. */
export function describeApkFlags(flags: string): string {
  const meaning: Record<string, string> = { s: 'a package script failed', f: 'files could not be written', x: 'extended attributes could not be set' };
  return [...flags].map((flag) => meaning[flag] ?? `flag ${flag}`).join(', ');
}

/** Reads apk's database and world on the host. */
export async function readApkState(context: OperationContext, timeoutMs = 60_000): Promise<ApkState> {
  const output = await runOn(context, APK_STATE_COMMAND, { timeoutMs });
  return parseApkState(context.target.name, output.stdout);
}

/** Packages apk flags broken (a failed script, unwritten files): its half-installed state. */
export async function apkUnfinishedPackages(context: OperationContext): Promise<string[]> {
  const state = await readApkState(context);
  return [...state.installed].filter(([, item]) => item.flags !== '').map(([name]) => name);
}
