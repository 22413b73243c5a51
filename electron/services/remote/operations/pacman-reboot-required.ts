/**
 * Arch has no reboot-required signal. The one heuristic (execution.md §4): after a kernel upgrade
 * the running kernel's modules folder `/usr/lib/modules/$(uname -r)` is gone while others exist.
 * When there is no modules folder at all (containers, this lab) the answer is "not measured"
 * (`required: null`), never a guessed "no".
 */
import { runOn, type OperationContext } from './operation-context';
import type { FamilyRebootRequirement } from './package-transaction';

/** Prints `running-present`, `running-missing` or `no-modules`. */
export const PACMAN_KERNEL_PROBE = 'if [ -d "/usr/lib/modules/$(uname -r)" ]; then echo running-present; elif [ -n "$(ls -A /usr/lib/modules 2>/dev/null)" ]; then echo running-missing; else echo no-modules; fi';

/** Reads the probe's answer. */
export function parsePacmanKernelProbe(stdout: string): FamilyRebootRequirement {
  const answer = stdout.trim();
  const source = 'running kernel modules folder (Arch has no reboot flag)';
  if (answer === 'running-missing') return { required: true, packages: ['linux'], source };
  if (answer === 'running-present') return { required: false, packages: [], source };
  return { required: null, packages: [], source: `${source}: not measured, the host has no /usr/lib/modules` };
}

/** Asks the host. */
export async function readPacmanRebootRequired(context: OperationContext, timeoutMs = 30_000): Promise<FamilyRebootRequirement> {
  const output = await runOn(context, PACMAN_KERNEL_PROBE, { timeoutMs });
  return parsePacmanKernelProbe(output.stdout);
}
