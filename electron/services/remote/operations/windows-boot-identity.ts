/**
 * A Windows host's boot identity: `LastBootUpTime` as a FILETIME (execution.md §3, as Ansible's
 * Windows reboot reads it). A reboot is complete when it changed, not when WinRM answers again.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';

/** The script that prints LastBootUpTime as a FILETIME (100 ns since 1601, UTC). */
export const WINDOWS_BOOT_ID_SCRIPT = '# patchdesk:windows-boot-id\n(Get-CimInstance -ClassName Win32_OperatingSystem -Property LastBootUpTime).LastBootUpTime.ToFileTimeUtc()\n';

const FILETIME = /^[0-9]{15,20}$/;

/** The host's current boot identity; `unparseable` when it prints anything else. */
export async function readWindowsBootId(context: OperationContext, timeoutMs = 30_000): Promise<string> {
  const output = await runOn(context, WINDOWS_BOOT_ID_SCRIPT, { timeoutMs });
  const id = output.stdout.trim();
  if (!FILETIME.test(id)) throw new RemoteError('unparseable', context.target.name, `${context.target.name} gave no LastBootUpTime Patchdesk can read (${JSON.stringify(id.slice(0, 60))})`, output);
  return id;
}

/** The boot identity as an instant (for display), from the FILETIME the host printed. */
export function windowsBootTime(bootId: string): Date {
  const FILETIME_TO_UNIX_MS = 11_644_473_600_000;
  return new Date(Number(BigInt(bootId) / 10_000n) - FILETIME_TO_UNIX_MS);
}
