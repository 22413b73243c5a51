/**
 * Whether a dnf host asks for a reboot: `dnf needs-restarting -r` exits 1 when core packages
 * (kernel, glibc, systemd, dbus, ... and what /etc/dnf/plugins/needs-restarting.d names) were
 * updated after boot, 0 when not (man dnf-needs-restarting 4.3.1). Boot time is /proc/1's.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import type { FamilyRebootRequirement } from './package-transaction';

/** The command whose exit code is the answer. */
export const DNF_NEEDS_RESTARTING_COMMAND = 'LC_ALL=C dnf -q needs-restarting -r </dev/null';

/** Reads `needs-restarting -r` output and exit code; throws `unparseable` on an exit code it does not define. */
export function parseDnfNeedsRestarting(host: string, stdout: string, exitCode: number): FamilyRebootRequirement {
  if (exitCode !== 0 && exitCode !== 1) throw new RemoteError('unparseable', host, `dnf needs-restarting exited with ${exitCode} on ${host}`);
  const packages = [...stdout.matchAll(/^\s+\*\s+(\S+)/gm)].map((match) => match[1] ?? '');
  return { required: exitCode === 1, packages, source: 'dnf needs-restarting -r' };
}

/** Asks the host. */
export async function readDnfRebootRequired(context: OperationContext, timeoutMs = 60_000): Promise<FamilyRebootRequirement> {
  const output = await runOn(context, DNF_NEEDS_RESTARTING_COMMAND, { timeoutMs, expectedExitCodes: [0, 1] });
  return parseDnfNeedsRestarting(context.target.name, output.stdout, output.exitCode);
}
