/**
 * Half-installed packages on an rpm host (dnf, zypper). rpm has no half-configured state like
 * dpkg's `iF`: a failed %post leaves the package installed at its new version. What an
 * interrupted transaction does leave is two versions of one package in the rpm database (the new
 * one added, the old one not yet erased), which `dnf check --duplicates` reports too. Install-only
 * packages (kernels) and `gpg-pubkey` are kept side by side on purpose and are not counted.
 */
import { runOn, type OperationContext } from './operation-context';

/** Every installed package name, one a line (a name installed twice appears twice). */
export const RPM_NAMES_COMMAND = "LC_ALL=C rpm -qa --qf '%{NAME}\\n' </dev/null";

// Kept in several versions by design: kernels (dnf installonlypkgs, zypper multiversion) and imported keys.
const SIDE_BY_SIDE = /^(kernel($|-)|gpg-pubkey$|installonlypkg)/;

/** The names installed more than once that are not install-only, sorted. */
export function parseRpmDuplicates(stdout: string): string[] {
  const seen = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const name = line.trim();
    if (name === '' || SIDE_BY_SIDE.test(name)) continue;
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([name]) => name).sort();
}

/** Packages an interrupted rpm transaction left in two versions. */
export async function rpmUnfinishedPackages(context: OperationContext, timeoutMs = 60_000): Promise<string[]> {
  const output = await runOn(context, RPM_NAMES_COMMAND, { timeoutMs });
  return parseRpmDuplicates(output.stdout);
}
