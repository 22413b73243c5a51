/**
 * Runs a PowerShell script on a Windows host through a WinRM cmd shell and returns its output.
 * The script travels as `-EncodedCommand` (base64 UTF-16LE), so it never needs quoting and no
 * secret a caller puts in it shows up as plain text on a command line.
 */
import { WinRmTransport } from './http/winrm-transport';
import { WinRmError, isFaultSubcode } from './winrm-error';
import { type WinRmTarget, endpointUrl, targetProblem } from './winrm-target';
import { ShellClient } from './wsman/shell-client';

/** Limits of one run; only the first three are usually worth setting. */
export interface RunPowerShellOptions {
  /** The whole run, connect to exit, must finish within this. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** stdout plus stderr beyond this many bytes fail the run with `output_limit`. */
  maxOutputBytes: number;
  /** Defaults to the lesser of 10 s and `timeoutMs`. */
  connectTimeoutMs?: number;
  /** How long the server may hold a Receive open; 20 s by default. */
  operationTimeoutSeconds?: number;
  /** Largest single HTTP response accepted; 4 MiB by default. */
  maxResponseBytes?: number;
  /** Time allowed for terminating and deleting the shell afterwards; 5 s by default. */
  cleanupTimeoutMs?: number;
  /**
   * Ends the run as a `timeout` when it aborts; by default a timer of `timeoutMs`. Tests pass
   * their own, so the moment the run times out is an event they choose, not a race with the clock.
   */
  deadline?: AbortSignal;
}

/** What the script produced. */
export interface PowerShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The server certificate's SHA-256 fingerprint over HTTPS, for pinning on first use. */
  certificateSha256?: string;
}

// cmd.exe caps a command line at 8191 characters; WinRM starts the command through it.
const MAX_COMMAND_LINE = 8191;
// Progress records would otherwise arrive on stderr as CLIXML noise.
const SCRIPT_PREFIX = "$ProgressPreference = 'SilentlyContinue'\n";
const MAX_ENVELOPE_SIZE = 512000;

/** The `powershell.exe` arguments that run `script` without it appearing on the command line. */
export function powershellArguments(script: string): string[] {
  const encoded = Buffer.from(SCRIPT_PREFIX + script, 'utf16le').toString('base64');
  return ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded];
}

/** Runs `script` on `target`; rejects with {@link WinRmError} on any failure. */
export async function runPowerShell(target: WinRmTarget, script: string, options: RunPowerShellOptions): Promise<PowerShellResult> {
  const problem = targetProblem(target);
  if (problem) throw new WinRmError('protocol_error', `cannot use ${target.host || 'target'}: ${problem}`);
  const args = powershellArguments(script);
  const commandLineLength = ['powershell.exe', ...args].join(' ').length;
  if (commandLineLength > MAX_COMMAND_LINE) throw new RangeError(`script too long: its encoded command line has ${commandLineLength} characters, at most ${MAX_COMMAND_LINE} fit`);
  if (options.signal?.aborted) throw new WinRmError('cancelled', `run on ${target.host} was cancelled`);

  const operationTimeoutSeconds = options.operationTimeoutSeconds ?? 20;
  const transport = new WinRmTransport(target, {
    connectTimeoutMs: options.connectTimeoutMs ?? Math.min(10_000, options.timeoutMs),
    requestTimeoutMs: operationTimeoutSeconds * 1000 + 10_000,
    maxResponseBytes: options.maxResponseBytes ?? 4 * 1024 * 1024,
  });
  const shell = new ShellClient(transport, { endpointUrl: endpointUrl(target), operationTimeoutSeconds, maxEnvelopeSize: MAX_ENVELOPE_SIZE });
  const deadline = options.deadline ?? AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;

  let shellId: string | undefined;
  let commandId: string | undefined;
  let finished = false;
  const cleanup = async (): Promise<void> => {
    const cleanupSignal = AbortSignal.timeout(options.cleanupTimeoutMs ?? 5000);
    try {
      if (shellId && commandId && !finished) await shell.terminate(shellId, commandId, cleanupSignal).catch(() => undefined);
      if (shellId) await shell.deleteShell(shellId, cleanupSignal).catch(() => undefined);
    } finally {
      transport.close();
    }
  };

  try {
    shellId = await shell.createShell(signal);
    commandId = await shell.startCommand(shellId, 'powershell.exe', args, signal);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let exitCode = -1;
    while (!finished) {
      let chunk;
      try {
        chunk = await shell.receive(shellId, commandId, signal);
      } catch (error) {
        // w:TimedOut only means no output arrived within the operation timeout.
        if (error instanceof WinRmError && isFaultSubcode(error.fault, 'TimedOut')) continue;
        throw error;
      }
      stdout.push(...chunk.stdout);
      stderr.push(...chunk.stderr);
      outputBytes += [...chunk.stdout, ...chunk.stderr].reduce((sum, part) => sum + part.length, 0);
      if (outputBytes > options.maxOutputBytes) throw new WinRmError('output_limit', `${target.host} produced more than ${options.maxOutputBytes} bytes of output`);
      if (chunk.done) {
        finished = true;
        exitCode = chunk.exitCode ?? -1;
      }
    }
    await cleanup();
    const result: PowerShellResult = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode };
    if (transport.certificateSha256) result.certificateSha256 = transport.certificateSha256;
    return result;
  } catch (error) {
    const failure = classify(error, target.host, options, deadline);
    // After a timeout or cancellation the caller should not wait for the shell to be torn down.
    if (failure.code === 'timeout' || failure.code === 'cancelled') void cleanup();
    else await cleanup();
    throw failure;
  }
}

function classify(error: unknown, host: string, options: RunPowerShellOptions, deadline: AbortSignal): WinRmError {
  if (options.signal?.aborted) return new WinRmError('cancelled', `run on ${host} was cancelled`);
  if (deadline.aborted) return new WinRmError('timeout', `run on ${host} did not finish within ${options.timeoutMs} ms`);
  if (error instanceof WinRmError) return error;
  return new WinRmError('protocol_error', `unexpected failure talking to ${host}: ${error instanceof Error ? error.name : 'unknown error'}`);
}
