/**
 * Whether a Debian-family host asks for a reboot (`/run/reboot-required`, and the packages that
 * asked in `/run/reboot-required.pkgs`). Read right after an install: the flag is gone after the
 * next boot, and on some families the signal is visible only at install time.
 */
import { runOn, type OperationContext } from './operation-context';

/** The host's reboot request. */
export interface RebootRequirement {
  required: boolean;
  /** The packages that asked for it, when the host lists them. */
  packages: string[];
}

/** Reads the host's reboot-required flag. */
export async function readRebootRequired(context: OperationContext, timeoutMs = 30_000): Promise<RebootRequirement> {
  const output = await runOn(context, 'if [ -e /run/reboot-required ]; then echo required; cat /run/reboot-required.pkgs 2>/dev/null; else echo not-required; fi', { timeoutMs });
  const [first = '', ...rest] = output.stdout.split('\n').map((line) => line.trim());
  return { required: first === 'required', packages: [...new Set(rest.filter((line) => line !== ''))] };
}
