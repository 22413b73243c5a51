/**
 * Which pending Windows updates a plan takes on a Windows host: all of them, the security ones
 * (WUA's Security Updates classification or an MSRC severity, as the collection recorded), or the
 * KBs and update ids the plan names. Windows Update is installed by KB here, so a pending update
 * without a KB article id (drivers, mostly) is not taken by "all" or "security".
 */

/** The package manager the Windows collector reports. */
export const WINDOWS_PACKAGE_MANAGER = 'windows-update';

const KB = /^KB[0-9]{4,8}$/;

/**
 * The KBs (or named update ids) `selection` takes from a Windows host's `pending` updates. A
 * named KB is taken only where the last collection found it pending: Windows Update offers an
 * update only to hosts it applies to, so a KB missing there is not this host's (a named update id
 * is passed on as named: the collection keys updates by KB).
 */
export function windowsSelection(selection: { kind: 'all' | 'security' | 'packages'; kbs?: readonly string[] }, pending: readonly { name: string; security: boolean | null }[]): string[] {
  const offered = new Set(pending.map((update) => update.name));
  if (selection.kind === 'packages') return [...new Set(selection.kbs ?? [])].filter((name) => !KB.test(name) || offered.has(name));
  return [...new Set(pending.filter((update) => KB.test(update.name) && (selection.kind === 'all' || update.security === true)).map((update) => update.name))];
}

const UPDATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pin an earlier ring set for `name`. Rows are named by KB, so a plan that names an update by
 * its id finds its pin by the id the pin starts with (`<update id>@<revision>`); a package name
 * is looked up as it is.
 */
export function pinFor(pins: ReadonlyMap<string, string>, name: string): string | undefined {
  const direct = pins.get(name);
  if (direct !== undefined || !UPDATE_ID.test(name)) return direct;
  const prefix = `${name.toLowerCase()}@`;
  return [...pins.values()].find((version) => version.startsWith(prefix));
}
