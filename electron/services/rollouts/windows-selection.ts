/**
 * Which pending Windows updates a plan takes on a Windows host: all of them, the security ones
 * (WUA's Security Updates classification or an MSRC severity, as the collection recorded), or the
 * KBs and update ids the plan names. Windows Update is installed by KB here, so a pending update
 * without a KB article id (drivers, mostly) is not taken by "all" or "security".
 */

/** The package manager the Windows collector reports. */
export const WINDOWS_PACKAGE_MANAGER = 'windows-update';

const KB = /^KB[0-9]{4,8}$/;

/** The KBs (or named update ids) `selection` takes from a Windows host's `pending` updates. */
export function windowsSelection(selection: { kind: 'all' | 'security' | 'packages'; kbs?: readonly string[] }, pending: readonly { name: string; security: boolean | null }[]): string[] {
  if (selection.kind === 'packages') return [...new Set(selection.kbs ?? [])];
  return [...new Set(pending.filter((update) => KB.test(update.name) && (selection.kind === 'all' || update.security === true)).map((update) => update.name))];
}
