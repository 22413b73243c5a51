/**
 * Reboots a Windows host and waits until it is back (execution.md §3): read LastBootUpTime,
 * delete LogonUI's `AutoLogonChecked` key, `shutdown.exe /r /t 2` (1190 "already scheduled":
 * abort it and ask again; 1115 "in progress": just wait), then poll with backoff until the boot
 * identity changed and the host is ready: `AutoLogonChecked` recreated by LogonUI and CBS not
 * servicing (`ServicingInProgress` 0 or 1, or absent). Paced by an injected clock and sleep.
 */
import { randomUUID } from 'node:crypto';
import { isRemoteError, RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import type { RebootOptions, RebootResult } from './reboot-host';
import { readWindowsBootId } from './windows-boot-identity';

const WINLOGON = String.raw`HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon\AutoLogonChecked`;
const CBS = String.raw`HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Interface`;

/** The reboot request; exits with shutdown.exe's code. */
export const WINDOWS_REBOOT_SCRIPT = [
  '# patchdesk:windows-reboot',
  `Remove-Item -LiteralPath '${WINLOGON}' -Recurse -Force -ErrorAction SilentlyContinue`,
  `& shutdown.exe /r /t 2 /c 'Reboot requested by Patchdesk' 2>&1 | Out-Null`,
  // 1190: a shutdown is already scheduled (maybe without a restart): abort it and ask for ours.
  `if ($LASTEXITCODE -eq 1190) { & shutdown.exe /a 2>&1 | Out-Null; & shutdown.exe /r /t 2 /c 'Reboot requested by Patchdesk' 2>&1 | Out-Null }`,
  'exit $LASTEXITCODE',
  '',
].join('\n');

/** The readiness check: prints `ready <marker>` when LogonUI is up and CBS is not servicing. */
export function windowsReadinessScript(marker: string): string {
  return [
    '# patchdesk:windows-ready',
    `$cbs = (Get-ItemProperty -LiteralPath '${CBS}' -Name ServicingInProgress -ErrorAction SilentlyContinue).ServicingInProgress`,
    `if ((Test-Path -LiteralPath '${WINLOGON}') -and ($null -eq $cbs -or $cbs -le 1)) { Write-Output 'ready ${marker}' } else { Write-Output 'waiting' }`,
    '',
  ].join('\n');
}

const backoffMs = (attempt: number) => Math.min(12_000, 1000 * 2 ** Math.min(attempt, 4));
// shutdown.exe: 1115 ERROR_SHUTDOWN_IN_PROGRESS, the host is already going down.
const SHUTDOWN_IN_PROGRESS = 1115;

/** Reboots the host and resolves once it is back with a new boot identity and ready. */
export async function rebootWindowsHost(context: OperationContext, options: Omit<RebootOptions, 'readinessCommand'>): Promise<RebootResult> {
  const host = context.target.name;
  const bootIdBefore = await readWindowsBootId(context);
  const askedAt = options.clock.now().getTime();
  try {
    await runOn(context, WINDOWS_REBOOT_SCRIPT, { timeoutMs: 30_000, expectedExitCodes: [0, SHUTDOWN_IN_PROGRESS] });
  } catch (error) {
    if (!isRemoteError(error, 'connection_lost', 'timeout', 'unreachable')) throw error;
  }
  await context.executor.close(context.target);
  // A random marker, so a shell that exits 0 without running the check is not taken for "ready".
  const marker = randomUUID();
  for (let attempt = 0; ; attempt++) {
    if (context.signal?.aborted) throw new RemoteError('cancelled', host, `waiting for ${host} to come back was cancelled`);
    if (options.clock.now().getTime() - askedAt >= options.timeoutMs) throw new RemoteError('timeout', host, `${host} did not come back with a new boot time and a ready logon screen within ${Math.round(options.timeoutMs / 1000)} s of the reboot`);
    try {
      const bootIdAfter = await readWindowsBootId(context, 10_000);
      if (bootIdAfter !== bootIdBefore) {
        const ready = await runOn(context, windowsReadinessScript(marker), { timeoutMs: 30_000 });
        if (ready.stdout.trim() === `ready ${marker}`) return { bootIdBefore, bootIdAfter, downForMs: options.clock.now().getTime() - askedAt };
      }
    } catch (error) {
      if (!isRemoteError(error, 'unreachable', 'connection_lost', 'timeout', 'unparseable', 'nonzero_exit', 'auth_failed', 'protocol_error')) throw error;
      await context.executor.close(context.target);
    }
    await options.sleep(backoffMs(attempt));
  }
}
