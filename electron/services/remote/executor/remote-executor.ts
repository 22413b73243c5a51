/**
 * One remote executor for every protocol: `run(target, command, options)` over SSH (a POSIX shell
 * command) or WinRM (a PowerShell script), with one option set and one error type. It keeps one
 * connection per target and opens a new one when the last was lost (a host that rebooted), so an
 * operation never has to know which protocol or which connection it is on.
 */
import { openSshSession, type SshSession, type SshTarget } from '../ssh/index';
import { runPowerShell, type WinRmTarget } from '../winrm/index';
import { RemoteError, toRemoteError, type RemoteOutput } from './remote-error';

/** A host to run on, with everything the protocol needs (credentials included; they never leave this side). */
export type RemoteTarget = { protocol: 'ssh'; name: string; ssh: SshTarget } | { protocol: 'winrm'; name: string; winrm: WinRmTarget };

/** How to run one command. */
export interface RemoteRunOptions {
  /** Run as root through sudo (SSH only). */
  sudo?: boolean;
  /** Sent to the command's stdin, then end-of-file (SSH only). */
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Exit codes that are an answer rather than a failure; [0] by default. Any other code throws `nonzero_exit`. */
  expectedExitCodes?: readonly number[];
  /** stdout plus stderr beyond this fail with `output_limit`; 16 MiB by default. */
  maxOutputBytes?: number;
}

/** Runs commands on remote hosts. */
export interface RemoteExecutor {
  /** Runs `command` on `target`; resolves with the output when the exit code is expected, rejects with {@link RemoteError} otherwise. */
  run(target: RemoteTarget, command: string, options: RemoteRunOptions): Promise<RemoteOutput>;
  /** Drops the connection to `target` (the next run opens a new one); all connections without a target. */
  close(target?: RemoteTarget): Promise<void>;
}

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/** The executor used outside tests: SSH sessions kept per target with strict host keys, WinRM per call. */
export function createRemoteExecutor(): RemoteExecutor {
  return new ConnectionKeepingExecutor();
}

class ConnectionKeepingExecutor implements RemoteExecutor {
  private readonly sessions = new Map<string, Promise<SshSession>>();

  async run(target: RemoteTarget, command: string, options: RemoteRunOptions): Promise<RemoteOutput> {
    const output = await this.runRaw(target, command, options);
    const expected = options.expectedExitCodes ?? [0];
    if (!expected.includes(output.exitCode)) {
      const detail = (output.stderr.trim() || output.stdout.trim()).split('\n').slice(-3).join(' | ').slice(0, 400);
      throw new RemoteError('nonzero_exit', target.name, `the command exited with ${output.exitCode} on ${target.name}${detail ? `: ${detail}` : ''}`, output);
    }
    return output;
  }

  async close(target?: RemoteTarget): Promise<void> {
    const keys = target ? [sessionKey(target)] : [...this.sessions.keys()];
    for (const key of keys) {
      const session = this.sessions.get(key);
      this.sessions.delete(key);
      await session?.then((open) => open.close()).catch(() => undefined);
    }
  }

  private async runRaw(target: RemoteTarget, command: string, options: RemoteRunOptions): Promise<RemoteOutput> {
    try {
      if (target.protocol === 'winrm') {
        if (options.sudo || options.stdin !== undefined) throw new RemoteError('protocol_error', target.name, 'sudo and stdin are for SSH targets; a WinRM script runs with the account it logs in with');
        const result = await runPowerShell(target.winrm, command, { timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT, ...(options.signal ? { signal: options.signal } : {}) });
        return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
      }
      const session = await this.session(target);
      const result = await session.run(command, {
        timeoutMs: options.timeoutMs,
        maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
        ...(options.sudo ? { sudo: true } : {}),
        ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    } catch (error) {
      const remote = toRemoteError(error, target.name);
      // A lost connection is not kept: the next run (after a reboot, say) connects afresh.
      if (remote.code === 'connection_lost' || remote.code === 'unreachable' || remote.code === 'timeout') await this.close(target);
      throw remote;
    }
  }

  private async session(target: Extract<RemoteTarget, { protocol: 'ssh' }>): Promise<SshSession> {
    const key = sessionKey(target);
    const cached = this.sessions.get(key);
    if (cached) {
      const session = await cached;
      // Lost between two commands (the host rebooted): no command was cut off, so connect again.
      if (session.open) return session;
      this.sessions.delete(key);
    }
    const opening = openSshSession(target.ssh, { hostKeyPolicy: 'strict' });
    this.sessions.set(key, opening);
    opening.catch(() => this.sessions.delete(key));
    return opening;
  }
}

function sessionKey(target: RemoteTarget): string {
  return target.protocol === 'ssh' ? `ssh:${target.ssh.username}@${target.ssh.host}:${target.ssh.port}` : `winrm:${target.winrm.username}@${target.winrm.host}:${target.winrm.port}`;
}
