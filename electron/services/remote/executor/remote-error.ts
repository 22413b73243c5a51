/**
 * The one error every remote operation fails with, whatever the protocol: SSH and WinRM errors
 * are mapped onto one set of codes, and the operations add the two a command's answer can earn
 * (`nonzero_exit`, `unparseable`). Messages are safe to show and log: the transports never put a
 * secret in them.
 */
import { isSshError } from '../ssh/index';
import { WinRmError } from '../winrm/index';

/** Why a remote run or operation failed. */
export type RemoteErrorCode =
  | 'auth_failed'
  | 'host_key_changed'
  | 'host_key_unknown'
  | 'untrusted_certificate'
  | 'unreachable'
  | 'timeout'
  | 'connection_lost'
  | 'cancelled'
  | 'sudo_failed'
  | 'output_limit'
  | 'protocol_error'
  | 'nonzero_exit'
  | 'unparseable';

/** What the command printed, kept with `nonzero_exit` and `unparseable` so a report can show it. */
export interface RemoteOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A failed remote run or operation on `host`. */
export class RemoteError extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    readonly host: string,
    message: string,
    readonly output?: RemoteOutput,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** Whether `error` is a {@link RemoteError}, optionally with one of `codes`. */
export function isRemoteError(error: unknown, ...codes: RemoteErrorCode[]): error is RemoteError {
  return error instanceof RemoteError && (codes.length === 0 || codes.includes(error.code));
}

/** The transports' errors as a {@link RemoteError}; anything else is rethrown (a bug, not a host's answer). */
export function toRemoteError(error: unknown, host: string): RemoteError {
  if (error instanceof RemoteError) return error;
  if (isSshError(error)) {
    const code: RemoteErrorCode = error.code === 'sudo_requires_tty' ? 'sudo_failed' : error.code;
    return new RemoteError(code, host, error.message);
  }
  if (error instanceof WinRmError) {
    const code: RemoteErrorCode = error.code === 'soap_fault' ? 'protocol_error' : error.code;
    return new RemoteError(code, host, error.message);
  }
  if (error instanceof RangeError) return new RemoteError('protocol_error', host, error.message);
  throw error;
}
