/**
 * The scheduled-task protocol that runs `WUA_TASK_SCRIPT` as SYSTEM on a Windows host, over the
 * one executor (WinRM today). A WinRM command line holds about 3,000 script characters, so the
 * task script travels in base64 chunks into a folder only SYSTEM and Administrators may touch;
 * its SHA-256 is checked on the host before the task is registered. Each round then: write
 * `params.json`, register and start a one-shot task `Patchdesk-WUA-<token>`, poll until
 * `result.json` appears (paced by an injected clock and sleep), read and parse it, remove the
 * task. The folder goes when the session is disposed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock';
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';
import { parseWuaTaskResult, type WuaTaskResult } from './wua-result';
import { WUA_TASK_SCRIPT } from './wua-task-script';

/** How polling is paced; tests pass a clock and a sleep they control. */
export interface WuaPacing {
  clock: Pick<Clock, 'now'>;
  sleep: (ms: number) => Promise<void>;
  /** Between two polls of the result file; 10 s by default. */
  pollIntervalMs?: number;
}

/** What one round asks the task to do; KB ids as digits and update ids as GUIDs, already validated. */
export interface WuaTaskParams {
  /** `installed` lists the approved KBs already installed: the check after an install or uninstall. */
  mode: 'search' | 'install' | 'uninstall' | 'installed';
  round: number;
  kbs: readonly string[];
  updateIds: readonly string[];
  /** `<update id>@<revision>`: when given, only exactly these updates are selected (a rollout's pinned ring). */
  pins?: readonly string[];
}

const TOKEN = /^[0-9a-f]{16}$/;
const CHUNK = 1800;
const COMMAND_TIMEOUT_MS = 60_000;
// Task Scheduler's "has not run yet" and "is running" last results: not an outcome yet.
const TASK_NOT_RUN_YET = new Set([267011, 267009]);

/** The folder of one session's files on the host, as a PowerShell expression. */
const folderExpression = (token: string) => `(Join-Path $env:ProgramData 'Patchdesk\\wua\\${token}')`;
/** The scheduled task's name. */
export const wuaTaskName = (token: string) => `Patchdesk-WUA-${token}`;

/** Script: (first chunk) recreate the folder with SYSTEM and Administrators only, then append a base64 chunk. */
export function uploadChunkScript(token: string, index: number, chunk: string): string {
  const reset =
    index === 0
      ? `if (Test-Path -LiteralPath $d) { Remove-Item -LiteralPath $d -Recurse -Force }\nNew-Item -ItemType Directory -Force -Path $d | Out-Null\n` +
        // SIDs, not names: S-1-5-18 SYSTEM, S-1-5-32-544 Administrators, whatever the locale.
        `icacls $d /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null\nif ($LASTEXITCODE -ne 0) { exit 4 }\n`
      : '';
  return `# patchdesk:wua-upload ${index}\n$d = ${folderExpression(token)}\n${reset}Add-Content -NoNewline -Encoding Ascii -LiteralPath (Join-Path $d 'task.b64') -Value '${chunk}'\n`;
}

/** Script: decode and check the task script, write params.json, register and start the one-shot SYSTEM task. */
export function startTaskScript(token: string, params: WuaTaskParams, scriptSha256: string): string {
  const paramsBase64 = Buffer.from(JSON.stringify({ mode: params.mode, round: params.round, kbs: params.kbs, updateIds: params.updateIds, pins: params.pins ?? [] }), 'utf8').toString('base64');
  return [
    `# patchdesk:wua-start ${params.round}`,
    `$d = ${folderExpression(token)}`,
    `$ps1 = Join-Path $d 'task.ps1'`,
    `[IO.File]::WriteAllBytes($ps1, [Convert]::FromBase64String([IO.File]::ReadAllText((Join-Path $d 'task.b64'))))`,
    `if ((Get-FileHash -Algorithm SHA256 -LiteralPath $ps1).Hash -ne '${scriptSha256.toUpperCase()}') { Write-Output 'upload-corrupt'; exit 3 }`,
    `[IO.File]::WriteAllBytes((Join-Path $d 'params.json'), [Convert]::FromBase64String('${paramsBase64}'))`,
    `Remove-Item -LiteralPath (Join-Path $d 'result.json') -Force -ErrorAction SilentlyContinue`,
    `$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $ps1 + '"')`,
    `$principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest`,
    `$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -ExecutionTimeLimit (New-TimeSpan -Hours 4)`,
    `Register-ScheduledTask -TaskName '${wuaTaskName(token)}' -TaskPath '\\Patchdesk\\' -Action $action -Principal $principal -Settings $settings -Force | Out-Null`,
    `Start-ScheduledTask -TaskName '${wuaTaskName(token)}' -TaskPath '\\Patchdesk\\'`,
    `Write-Output 'started'`,
    '',
  ].join('\n');
}

/** Script: `result` once result.json exists, else `state <State> <LastTaskResult>` (or `state Missing 0`). */
export function pollScript(token: string): string {
  return [
    `# patchdesk:wua-poll`,
    `$d = ${folderExpression(token)}`,
    `if (Test-Path -LiteralPath (Join-Path $d 'result.json')) { Write-Output 'result'; exit 0 }`,
    `$t = Get-ScheduledTask -TaskName '${wuaTaskName(token)}' -TaskPath '\\Patchdesk\\' -ErrorAction SilentlyContinue`,
    `if (-not $t) { Write-Output 'state Missing 0'; exit 0 }`,
    `$i = $t | Get-ScheduledTaskInfo`,
    `Write-Output ('state ' + $t.State + ' ' + $i.LastTaskResult)`,
    '',
  ].join('\n');
}

/** Script: print result.json. */
export function readResultScript(token: string): string {
  return `# patchdesk:wua-read\n[Console]::OutputEncoding = New-Object Text.UTF8Encoding $false\n[IO.File]::ReadAllText((Join-Path ${folderExpression(token)} 'result.json'))\n`;
}

/** Script: unregister the task (and, with `removeFolder`, delete the session's files). */
export function cleanupScript(token: string, removeFolder: boolean): string {
  return (
    `# patchdesk:wua-cleanup${removeFolder ? ' folder' : ''}\n` +
    `Unregister-ScheduledTask -TaskName '${wuaTaskName(token)}' -TaskPath '\\Patchdesk\\' -Confirm:$false -ErrorAction SilentlyContinue\n` +
    (removeFolder ? `Remove-Item -LiteralPath ${folderExpression(token)} -Recurse -Force -ErrorAction SilentlyContinue\n` : '')
  );
}

/** One host's WUA task folder: upload once, run rounds, dispose. */
export class WuaTaskSession {
  private uploaded = false;
  private readonly scriptSha256 = createHash('sha256').update(WUA_TASK_SCRIPT, 'utf8').digest('hex');

  constructor(
    private readonly context: OperationContext,
    private readonly pacing: WuaPacing,
    readonly token: string = randomBytes(8).toString('hex'),
  ) {
    if (!TOKEN.test(token)) throw new RangeError('a WUA session token is 16 lowercase hex digits');
  }

  /** Runs one round of the task and returns its parsed result; the task is removed in every case. */
  async run(params: WuaTaskParams, timeoutMs: number): Promise<WuaTaskResult> {
    const host = this.context.target.name;
    if (!this.uploaded) await this.upload();
    const start = await runOn(this.context, startTaskScript(this.token, params, this.scriptSha256), { timeoutMs: COMMAND_TIMEOUT_MS, expectedExitCodes: [0, 3] });
    if (start.exitCode === 3) throw new RemoteError('protocol_error', host, `the WUA task script arrived on ${host} damaged (SHA-256 mismatch); nothing was run`, start);
    try {
      await this.waitForResult(params, timeoutMs);
      const output = await runOn(this.context, readResultScript(this.token), { timeoutMs: COMMAND_TIMEOUT_MS });
      const parsed = parseWuaTaskResult(output.stdout.trim());
      if (!parsed.ok) throw new RemoteError('unparseable', host, `${host}: ${parsed.message}`, output);
      if (parsed.value.round !== params.round || parsed.value.mode !== params.mode) throw new RemoteError('unparseable', host, `${host}: result.json is for ${parsed.value.mode} round ${parsed.value.round}, not ${params.mode} round ${params.round}`, output);
      return parsed.value;
    } finally {
      await runOn(this.context, cleanupScript(this.token, false), { timeoutMs: COMMAND_TIMEOUT_MS }).catch(() => undefined);
    }
  }

  /** Removes the task and the session's folder from the host. */
  async dispose(): Promise<void> {
    await runOn(this.context, cleanupScript(this.token, true), { timeoutMs: COMMAND_TIMEOUT_MS }).catch(() => undefined);
  }

  private async upload(): Promise<void> {
    const encoded = Buffer.from(WUA_TASK_SCRIPT, 'utf8').toString('base64');
    for (let index = 0; index * CHUNK < encoded.length; index++) {
      const output = await runOn(this.context, uploadChunkScript(this.token, index, encoded.slice(index * CHUNK, (index + 1) * CHUNK)), { timeoutMs: COMMAND_TIMEOUT_MS, expectedExitCodes: [0, 4] });
      if (output.exitCode === 4) throw new RemoteError('nonzero_exit', this.context.target.name, `could not restrict the WUA task folder on ${this.context.target.name} to SYSTEM and Administrators; nothing was run`, output);
    }
    this.uploaded = true;
  }

  private async waitForResult(params: WuaTaskParams, timeoutMs: number): Promise<void> {
    const host = this.context.target.name;
    const startedAt = this.pacing.clock.now().getTime();
    let finishedWithoutResult = 0;
    for (;;) {
      if (this.context.signal?.aborted) throw new RemoteError('cancelled', host, `waiting for the WUA task on ${host} was cancelled (the task itself keeps running)`);
      const output = await runOn(this.context, pollScript(this.token), { timeoutMs: COMMAND_TIMEOUT_MS });
      const line = output.stdout.trim();
      if (line === 'result') return;
      const state = /^state (\S+) (-?\d+)$/.exec(line);
      if (!state) throw new RemoteError('unparseable', host, `${host} answered the WUA task poll with ${JSON.stringify(line.slice(0, 80))}`, output);
      const [, taskState = '', lastResult = '0'] = state;
      // Ready/Missing with a real last result: the task ended without writing its file (killed, or the script could not start).
      const ended = taskState === 'Missing' || (taskState === 'Ready' && !TASK_NOT_RUN_YET.has(Number(lastResult)));
      finishedWithoutResult = ended ? finishedWithoutResult + 1 : 0;
      if (finishedWithoutResult >= 3) throw new RemoteError('nonzero_exit', host, `the WUA ${params.mode} task (round ${params.round}) on ${host} ended without a result (task ${taskState}, last result ${lastResult})`, output);
      const waited = this.pacing.clock.now().getTime() - startedAt;
      if (waited >= timeoutMs) throw new RemoteError('timeout', host, `the WUA ${params.mode} task (round ${params.round}) on ${host} wrote no result within ${Math.round(timeoutMs / 1000)} s (task ${taskState}); the task was unregistered, an install it started may still be running`);
      await this.pacing.sleep(this.pacing.pollIntervalMs ?? 10_000);
    }
  }
}
