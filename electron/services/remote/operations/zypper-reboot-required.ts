/**
 * Whether a zypper host asks for a reboot: `zypper needs-rebooting` exits 102 when libzypp's
 * reboot-needed flag is set (a package providing `installhint(reboot-needed)` or listed in
 * /etc/zypp/needreboot was installed), 0 when not. It is a different signal from an install's
 * exit 102 (a reboot-suggested patch), which only the install sees: keep that one from the
 * transaction result (execution.md fact 6).
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import type { FamilyRebootRequirement } from './package-transaction';
import { ZYPPER_NEEDS_REBOOTING_COMMAND } from './zypper-command';

/** Reads `needs-rebooting`'s exit code; throws `unparseable` on any other. */
export function parseZypperNeedsRebooting(host: string, exitCode: number): FamilyRebootRequirement {
  if (exitCode !== 0 && exitCode !== 102) throw new RemoteError('unparseable', host, `zypper needs-rebooting exited with ${exitCode} on ${host}`);
  return { required: exitCode === 102, packages: [], source: 'zypper needs-rebooting' };
}

/** Asks the host. */
export async function readZypperRebootRequired(context: OperationContext, timeoutMs = 60_000): Promise<FamilyRebootRequirement> {
  const output = await runOn(context, ZYPPER_NEEDS_REBOOTING_COMMAND, { timeoutMs, expectedExitCodes: [0, 102] });
  return parseZypperNeedsRebooting(context.target.name, output.exitCode);
}
