/**
 * Whether a Windows host asks for a reboot (execution.md §3, formats.md §4.1): WUA's
 * `SystemInfo.RebootRequired` and the registry keys `Component Based Servicing\RebootPending`
 * and `WindowsUpdate\Auto Update\RebootRequired`. Read in the WinRM session: reading them needs
 * no scheduled task.
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import type { FamilyRebootRequirement } from './package-transaction';

/** Prints three lines `systemInfo|cbs|wu True/False/Unknown`. */
export const WINDOWS_REBOOT_REQUIRED_SCRIPT = [
  '# patchdesk:windows-reboot-required',
  `$si = 'Unknown'; try { $si = [string][bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired } catch { }`,
  `Write-Output ('systemInfo ' + $si)`,
  String.raw`Write-Output ('cbs ' + (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'))`,
  String.raw`Write-Output ('wu ' + (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'))`,
  '',
].join('\n');

/** Reads the host's reboot request; `required` is true when any of the three says so. */
export async function readWindowsRebootRequired(context: OperationContext, timeoutMs = 30_000): Promise<FamilyRebootRequirement> {
  const output = await runOn(context, WINDOWS_REBOOT_REQUIRED_SCRIPT, { timeoutMs });
  const values = new Map(output.stdout.split(/\r?\n/).map((line) => line.trim().split(' ') as [string, string?]).map(([key, value]) => [key, value ?? '']));
  const flags = ['systemInfo', 'cbs', 'wu'].map((key) => values.get(key));
  if (flags.some((flag) => flag !== 'True' && flag !== 'False' && flag !== 'Unknown') || flags[1] === 'Unknown' || flags[2] === 'Unknown') throw new RemoteError('unparseable', context.target.name, `${context.target.name} gave no reboot flags Patchdesk can read`, output);
  const [systemInfo, cbs, wu] = flags;
  const sources = [systemInfo === 'True' ? 'WUA SystemInfo.RebootRequired' : null, cbs === 'True' ? 'CBS RebootPending' : null, wu === 'True' ? 'WindowsUpdate RebootRequired' : null].filter((source): source is string => source !== null);
  return { required: sources.length > 0, packages: [], source: sources.length > 0 ? sources.join(', ') : 'WUA SystemInfo, CBS RebootPending, WindowsUpdate RebootRequired' };
}
