/**
 * Runs one command on an open SSH connection: one exec channel, with a deadline, cancellation and
 * an output cap enforced while data streams in, so a runaway command never fills memory.
 */
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { prepareCommand, sudoOutcome } from './remote-command';
import { redactSecrets, targetSecrets } from './secret-redaction';
import { SshError } from './ssh-error';
import { describeTarget, type SshTarget } from './ssh-target';
import type { Client, ClientChannel } from 'ssh2';

/** Per-command settings. */
export interface RunOptions {
  /** Run as root through `sudo`, with the target's `sudoPassword` if it has one. */
  sudo?: boolean;
  /**
   * Send the command exactly as given, without the C-locale `sh -c` wrapper: for network devices,
   * whose CLIs have no POSIX shell. Cannot be combined with `sudo`.
   */
  raw?: boolean;
  /** Sent to the command's stdin, then end-of-file; the command always sees end-of-file. */
  stdin?: string;
  /** Defaults to the target's `commandTimeoutMs`. */
  timeoutMs?: number;
  /** stdout plus stderr beyond this fail the run with `output_limit`; 16 MiB by default. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** What a command produced; a non-zero exit code is a result, not an error. */
export interface CommandResult {
  /** Decoded as UTF-8; escape sequences and control characters are left in. */
  stdout: string;
  stderr: string;
  /** The exit status, or 128 + the signal number when the command was killed by a signal. */
  exitCode: number;
  /** The signal name (e.g. `SIGKILL`) when the command was killed by one. */
  exitSignal?: string;
  /** stdout exactly as received, for binary output. */
  stdoutBytes: Buffer;
}

/** How the session tells a running command that the connection went away. */
export interface RunContext {
  client: Client;
  target: SshTarget;
  /** Registers a callback the session calls when the connection is lost or closed; returns an unregister function. */
  onSessionEnd(listener: (error: SshError) => void): () => void;
}

const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
// sudo's own messages arrive before the command starts; more than this means something else is talking.
const MAX_SUDO_PREAMBLE = 64 * 1024;

/** Runs `command` and resolves with its output, or rejects with {@link SshError}. */
export function runCommand(context: RunContext, command: string, options: RunOptions = {}): Promise<CommandResult> {
  const { client, target } = context;
  const where = describeTarget(target);
  const secrets = targetSecrets(target);
  if (options.raw && options.sudo) throw new RangeError('a raw command cannot run under sudo');
  const prepared = options.raw ? { line: command } : prepareCommand(command, options.sudo ? (target.sudoPassword !== undefined ? { password: target.sudoPassword } : {}) : undefined);
  const timeoutMs = options.timeoutMs ?? target.commandTimeoutMs;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (options.signal?.aborted) return Promise.reject(new SshError('cancelled', target.host, `command on ${where} was cancelled`));

  return new Promise<CommandResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let channel: ClientChannel | undefined;
    let exit: { code: number; signal?: string } | undefined;
    let settled = false;
    let sudoText = '';
    let promptsSeen = 0;
    let started = prepared.sudoMarker === undefined;
    const sudoDecoder = new StringDecoder('utf8');

    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      unregister();
    };
    const fail = (code: SshError['code'], message: string) => {
      if (settled) return;
      settled = true;
      cleanup();
      try {
        channel?.signal('KILL');
        channel?.close();
      } catch {
        // The channel may already be gone with the connection.
      }
      reject(new SshError(code, target.host, redactSecrets(message, secrets)));
    };
    const onAbort = () => fail('cancelled', `command on ${where} was cancelled`);
    const timer = setTimeout(() => fail('timeout', `command on ${where} did not finish within ${timeoutMs} ms`), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const unregister = context.onSessionEnd((error) => fail(error.code, error.message));

    const sendStdin = () => {
      if (options.stdin) channel?.write(options.stdin);
      channel?.end();
    };
    const count = (chunk: Buffer): boolean => {
      outputBytes += chunk.length;
      if (outputBytes <= maxOutputBytes) return true;
      fail('output_limit', `command on ${where} produced more than ${maxOutputBytes} bytes of output; it was stopped`);
      return false;
    };
    const watchSudo = (chunk: Buffer) => {
      if (started || !prepared.sudoMarker) return;
      sudoText += sudoDecoder.write(chunk);
      if (prepared.sudoPrompt) {
        const prompts = sudoText.split(prepared.sudoPrompt).length - 1;
        // The first prompt gets the password; a second means it was wrong, and end-of-file makes sudo give up.
        if (prompts > promptsSeen) {
          if (promptsSeen === 0) channel?.write(`${target.sudoPassword ?? ''}\n`);
          if (prompts > 1) channel?.end();
          promptsSeen = prompts;
        }
      }
      if (sudoText.includes(`${prepared.sudoMarker}\n`)) {
        started = true;
        sendStdin();
      } else if (sudoText.length > MAX_SUDO_PREAMBLE) {
        channel?.end();
      }
    };

    const finish = () => {
      if (settled) return;
      if (!exit) {
        fail('connection_lost', `the connection to ${where} was lost before the command finished`);
        return;
      }
      settled = true;
      cleanup();
      const stdoutBytes = Buffer.concat(stdout);
      let stderrText = Buffer.concat(stderr).toString('utf8');
      if (prepared.sudoMarker) {
        const outcome = sudoOutcome(stderrText, prepared.sudoMarker, prepared.sudoPrompt);
        if (outcome.kind !== 'ran') {
          const error = sudoError(outcome, target, where);
          reject(new SshError(error.code, target.host, redactSecrets(error.message, secrets)));
          return;
        }
        stderrText = outcome.stderr;
      }
      resolve({ stdout: stdoutBytes.toString('utf8'), stderr: stderrText, exitCode: exit.code, ...(exit.signal ? { exitSignal: exit.signal } : {}), stdoutBytes });
    };

    try {
      client.exec(prepared.line, {}, (error, opened) => {
        if (error) {
          fail('connection_lost', `could not start a command on ${where}: ${error.message}`);
          return;
        }
        if (settled) {
          opened.close();
          return;
        }
        channel = opened;
        opened.on('data', (chunk: Buffer) => {
          if (!settled && count(chunk)) stdout.push(chunk);
        });
        opened.stderr.on('data', (chunk: Buffer) => {
          if (settled || !count(chunk)) return;
          stderr.push(chunk);
          watchSudo(chunk);
        });
        opened.on('exit', (code: number | null, signal?: string) => {
          exit = code !== null ? { code } : { code: 128 + (signalNumber(signal) ?? 127), ...(signal ? { signal } : {}) };
        });
        opened.on('close', finish);
        opened.on('error', () => undefined);
        if (started) sendStdin();
      });
    } catch (error) {
      fail('connection_lost', `could not start a command on ${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function sudoError(outcome: Exclude<ReturnType<typeof sudoOutcome>, { kind: 'ran' }>, target: SshTarget, where: string): { code: SshError['code']; message: string } {
  switch (outcome.kind) {
    case 'requires_tty':
      return { code: 'sudo_requires_tty', message: `sudo on ${where} requires a terminal (requiretty in sudoers); allow "Defaults:${target.username} !requiretty" to run it agentlessly` };
    case 'wrong_password':
      return { code: 'sudo_failed', message: `sudo on ${where} rejected the sudo password` };
    case 'password_required':
      return { code: 'sudo_failed', message: `sudo on ${where} needs a password and ${target.sudoPassword === undefined ? 'none is configured' : 'did not accept the one given'}` };
    case 'refused':
      return { code: 'sudo_failed', message: `sudo on ${where} refused: ${outcome.reason}` };
  }
}

function signalNumber(name: string | undefined): number | undefined {
  if (!name) return undefined;
  return (constants.signals as Record<string, number | undefined>)[name.startsWith('SIG') ? name : `SIG${name}`];
}
